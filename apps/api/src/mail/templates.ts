// MJML rather than react-email: the api must not import React (ARCHITECTURE.md, the house
// rules), and MJML is a maintained library whose output is tested across mail clients,
// responsive by default (one column that narrows on a phone). Pinned exactly in package.json:
// MJML 5 changed its minifier and its outer HTML, and its rendering is asynchronous.
import mjml2html from 'mjml';

/**
 * Every mail the api sends, one template each. A template gives the subject and a list of
 * blocks; the HTML part (through MJML) and the text part are both rendered from those blocks,
 * so the two parts always say the same thing. Parameters are what the recipient may read in
 * the product (the case named as the program wants, the side, a deadline's title for those
 * who read deadlines) and links; never anything of a side's workspace or a mediator's notes:
 * no template has a parameter for them.
 */
export type MailKind =
  | 'INVITATION'
  | 'PASSWORD_RESET'
  | 'PASSWORD_CHANGED'
  | 'EMAIL_CHANGED'
  | 'REMINDER'
  | 'DIGEST'
  | 'AGREEMENT_READY'
  | 'AGREEMENT_BINDING';

export const MAIL_KINDS: readonly MailKind[] = [
  'INVITATION',
  'PASSWORD_RESET',
  'PASSWORD_CHANGED',
  'EMAIL_CHANGED',
  'REMINDER',
  'DIGEST',
  'AGREEMENT_READY',
  'AGREEMENT_BINDING',
];

/** Every mail has its recipient's name and the preferences link; reminders and digests also an unsubscribe link. */
interface Common {
  name: string;
  preferencesUrl: string;
  unsubscribeUrl?: string;
  /** The time zone dates are shown in (the program's, else UTC). */
  timeZone?: string;
}

export interface ReminderLine {
  caseName: string;
  caseUrl: string;
  title: string;
  /** P7D, P1D or DUE (an overdue touchpoint). */
  lead: 'P7D' | 'P1D' | 'DUE';
  dueAt: string;
}

export interface MailParams {
  INVITATION: Common & { inviterName: string; caseName: string; sideLabel: string; role: 'COUNSEL' | 'PARTY'; url: string; expiresAt: string };
  PASSWORD_RESET: Common & { url: string; expiresAt: string; forgotUrl: string };
  PASSWORD_CHANGED: Common & { at: string; forgotUrl: string };
  EMAIL_CHANGED: Common & { at: string; newEmail: string; forgotUrl: string };
  REMINDER: Common & ReminderLine;
  DIGEST: Common & { day: string; items: ReminderLine[]; inboxUrl: string };
  AGREEMENT_READY: Common & { caseName: string; caseUrl: string };
  AGREEMENT_BINDING: Common & { caseName: string; caseUrl: string };
}

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'link'; label: string; href: string }
  | { kind: 'list'; items: { text: string; href?: string }[] }
  | { kind: 'note'; text: string };

interface Composed {
  subject: string;
  preview: string;
  blocks: Block[];
  /** Why this person gets this mail (the footer). */
  because: string;
}

const ROLE_WORDS = { COUNSEL: 'counsel', PARTY: 'a party' } as const;
const LEAD_WORDS = { P7D: 'due in 7 days', P1D: 'due tomorrow', DUE: 'overdue' } as const;

/** A date and time as the recipient reads it: "Tue, Dec 9, 2025, 17:00 EST". */
export function formatWhen(iso: string, timeZone = 'UTC'): string {
  const when = new Date(iso);
  const zone = safeZone(timeZone);
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(when);
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

const reminderLine = (line: ReminderLine, zone?: string) => `${line.title} (${line.caseName}): ${LEAD_WORDS[line.lead]}, ${formatWhen(line.dueAt, zone)}`;

const TEMPLATES: { [K in MailKind]: (p: MailParams[K]) => Composed } = {
  INVITATION: (p) => ({
    subject: `${p.inviterName} invited you to ${p.caseName}`,
    preview: `Join ${p.caseName} as ${ROLE_WORDS[p.role]} for ${p.sideLabel}.`,
    blocks: [
      { kind: 'heading', text: `You are invited to ${p.caseName}` },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `${p.inviterName} invited you to join ${p.caseName} as ${ROLE_WORDS[p.role]} for ${p.sideLabel}.` },
      { kind: 'button', label: 'Open the invitation', href: p.url },
      { kind: 'note', text: `The link works once, until ${formatWhen(p.expiresAt, p.timeZone)}. Only you should open it: it is your way in.` },
    ],
    because: `You get this mail because ${p.inviterName} invited this address to a case.`,
  }),
  PASSWORD_RESET: (p) => ({
    subject: 'Reset your password',
    preview: 'A link to choose a new password, valid for one hour.',
    blocks: [
      { kind: 'heading', text: 'Reset your password' },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: 'Someone asked to reset the password of your account. If it was you, choose a new password:' },
      { kind: 'button', label: 'Choose a new password', href: p.url },
      { kind: 'note', text: `The link works once, until ${formatWhen(p.expiresAt, p.timeZone)}. Choosing a new password signs you out everywhere.` },
      { kind: 'note', text: 'If you did not ask, ignore this mail: your password stays as it is.' },
    ],
    because: 'You get this mail because a password reset was asked for this address.',
  }),
  PASSWORD_CHANGED: (p) => ({
    subject: 'Your password was changed',
    preview: 'If you did not change it, reset it now.',
    blocks: [
      { kind: 'heading', text: 'Your password was changed' },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `The password of your account was changed on ${formatWhen(p.at, p.timeZone)}, and every session was signed out.` },
      { kind: 'para', text: 'If that was not you, reset your password now and tell your organisation admin:' },
      { kind: 'link', label: 'Reset your password', href: p.forgotUrl },
    ],
    because: 'You get this mail because the password of your account changed. Notices about your account are always sent.',
  }),
  EMAIL_CHANGED: (p) => ({
    subject: 'Your e-mail address was changed',
    preview: 'If you did not change it, tell your organisation admin.',
    blocks: [
      { kind: 'heading', text: 'Your e-mail address was changed' },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `The e-mail address of your account was changed to ${p.newEmail} on ${formatWhen(p.at, p.timeZone)}.` },
      { kind: 'para', text: 'If that was not you, tell your organisation admin at once.' },
      { kind: 'link', label: 'Reset your password', href: p.forgotUrl },
    ],
    because: 'You get this mail at your former address because the address of your account changed.',
  }),
  REMINDER: (p) => ({
    subject: `${p.lead === 'DUE' ? 'Overdue' : p.lead === 'P1D' ? 'Due tomorrow' : 'Due in 7 days'}: ${p.title} (${p.caseName})`,
    preview: reminderLine(p, p.timeZone),
    blocks: [
      { kind: 'heading', text: `${p.title}: ${LEAD_WORDS[p.lead]}` },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `${p.title} in ${p.caseName} is ${p.lead === 'DUE' ? 'overdue since' : 'due'} ${formatWhen(p.dueAt, p.timeZone)}.` },
      { kind: 'button', label: 'Open the case', href: p.caseUrl },
    ],
    because: 'You get this mail because you asked for deadline reminders by e-mail.',
  }),
  DIGEST: (p) => ({
    subject: `Your deadlines: ${p.items.length} reminder${p.items.length === 1 ? '' : 's'} of ${p.day}`,
    preview: p.items.map((i) => i.title).join(', '),
    blocks: [
      { kind: 'heading', text: `Your deadline reminders of ${p.day}` },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'list', items: p.items.map((i) => ({ text: reminderLine(i, p.timeZone), href: i.caseUrl })) },
      { kind: 'link', label: 'Open your inbox', href: p.inboxUrl },
    ],
    because: 'You get this mail because you asked for a daily digest of your deadline reminders.',
  }),
  AGREEMENT_READY: (p) => ({
    subject: `An agreement is ready to sign (${p.caseName})`,
    preview: `Read the agreement in ${p.caseName} and sign it.`,
    blocks: [
      { kind: 'heading', text: 'An agreement is ready to sign' },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `A written agreement in ${p.caseName} awaits signatures. Read its text in the case, and sign it there if you agree.` },
      { kind: 'button', label: 'Read the agreement', href: p.caseUrl },
    ],
    because: 'You get this mail because you asked for agreement notices by e-mail.',
  }),
  AGREEMENT_BINDING: (p) => ({
    subject: `The agreement is binding (${p.caseName})`,
    preview: `Every party signed the agreement in ${p.caseName}.`,
    blocks: [
      { kind: 'heading', text: 'The agreement is binding' },
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `Every party signed the written agreement in ${p.caseName}; it is now binding.` },
      { kind: 'button', label: 'Open the case', href: p.caseUrl },
    ],
    because: 'You get this mail because you asked for agreement notices by e-mail.',
  }),
};

/** The subject alone (stored with the row, kept after the body is erased). */
export function mailSubject<K extends MailKind>(kind: K, params: MailParams[K]): string {
  return oneLine(TEMPLATES[kind](params).subject).slice(0, 300);
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Both parts of a mail from its template. */
export async function renderMail<K extends MailKind>(kind: K, params: MailParams[K]): Promise<RenderedMail> {
  const composed = TEMPLATES[kind](params);
  const footer = footerBlocks(composed.because, params);
  const subject = oneLine(composed.subject).slice(0, 300);
  const { html, errors } = await mjml2html(toMjml(subject, composed, footer), { validationLevel: 'strict', keepComments: false });
  if (errors.length > 0) throw new Error(`The ${kind} template is not valid MJML: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return { subject, text: toText(composed.blocks, footer), html };
}

function footerBlocks(because: string, p: Common): Block[] {
  const blocks: Block[] = [{ kind: 'note', text: because }, { kind: 'link', label: 'Your mail preferences', href: p.preferencesUrl }];
  if (p.unsubscribeUrl) blocks.push({ kind: 'link', label: 'Unsubscribe from these mails', href: p.unsubscribeUrl });
  return blocks;
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').trim();

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only http(s) links: a parameter can never make a javascript: or data: link. */
const safeHref = (href: string) => (/^https?:\/\//i.test(href) ? escapeHtml(href) : '#');

function toMjml(subject: string, composed: Composed, footer: Block[]): string {
  const body = composed.blocks.map((b) => blockMjml(b)).join('\n');
  const foot = footer.map((b) => blockMjml(b, true)).join('\n');
  return `<mjml lang="en">
  <mj-head>
    <mj-title>${escapeHtml(subject)}</mj-title>
    <mj-preview>${escapeHtml(composed.preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2933" padding="6px 24px" />
      <mj-button background-color="#1d4ed8" color="#ffffff" font-size="16px" font-weight="600" border-radius="6px" inner-padding="14px 22px" padding="12px 24px" align="left" />
    </mj-attributes>
  </mj-head>
  <mj-body width="600px" background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="20px 0">
      <mj-column>
${body}
      </mj-column>
    </mj-section>
    <mj-section padding="12px 0">
      <mj-column>
${foot}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function blockMjml(block: Block, small = false): string {
  const size = small ? ' font-size="13px" line-height="19px" color="#52606d"' : '';
  switch (block.kind) {
    case 'heading':
      return `<mj-text font-size="22px" line-height="30px" font-weight="700">${escapeHtml(block.text)}</mj-text>`;
    case 'para':
      return `<mj-text${size}>${escapeHtml(block.text)}</mj-text>`;
    case 'note':
      return `<mj-text font-size="14px" line-height="21px" color="#52606d">${escapeHtml(block.text)}</mj-text>`;
    case 'button':
      return `<mj-button href="${safeHref(block.href)}">${escapeHtml(block.label)}</mj-button>
<mj-text font-size="13px" line-height="19px" color="#52606d">Or open this address: <a href="${safeHref(block.href)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(block.href)}</a></mj-text>`;
    case 'link':
      return `<mj-text${size}><a href="${safeHref(block.href)}" style="color:#1d4ed8">${escapeHtml(block.label)}</a></mj-text>`;
    case 'list':
      return `<mj-text><ul style="padding-left:20px;margin:0">${block.items
        .map((i) => `<li style="margin:0 0 8px">${i.href ? `<a href="${safeHref(i.href)}" style="color:#1d4ed8">${escapeHtml(i.text)}</a>` : escapeHtml(i.text)}</li>`)
        .join('')}</ul></mj-text>`;
  }
}

function toText(blocks: Block[], footer: Block[]): string {
  const part = (b: Block): string => {
    switch (b.kind) {
      case 'heading':
        return `${b.text}\n${'='.repeat(Math.min(b.text.length, 60))}`;
      case 'para':
      case 'note':
        return b.text;
      case 'button':
      case 'link':
        return `${b.label}:\n${b.href}`;
      case 'list':
        return b.items.map((i) => `- ${i.text}${i.href ? `\n  ${i.href}` : ''}`).join('\n');
    }
  };
  return `${blocks.map(part).join('\n\n')}\n\n-- \n${footer.map(part).join('\n\n')}\n`;
}
