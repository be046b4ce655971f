import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { mailLinks, unsubscribeToken, type MailCategory } from './links.js';
import { mailSubject, renderMail, type MailKind, type MailParams } from './templates.js';

/** What the mail room needs to know, from the settings (config/config.ts). */
export interface MailSettings {
  /** MAIL_FROM. */
  from: string;
  /** MAIL_REPLY_TO, or null. */
  replyTo: string | null;
  /** The dashboard's address the links start with (PUBLIC_URL, else the address the api listens at). */
  baseUrl: () => string;
  /** Signs unsubscribe links (derived from the audit key). */
  linkKey: Buffer;
  /** An SMTP server sends the mails (SMTP_URL); without one they are kept in the outbox. */
  delivering: boolean;
}

export type MailStatus = 'PENDING' | 'SENT' | 'REFUSED' | 'FAILED' | 'KEPT';

/** Parameters a caller gives: the links every mail has are added here. */
export type GivenParams<K extends MailKind> = Omit<MailParams[K], 'preferencesUrl' | 'unsubscribeUrl'>;

export interface NewMail<K extends MailKind = MailKind> {
  kind: K;
  /** Names the recipient and the event: the same key is the same mail, written once. */
  key: string;
  to: string;
  /** The recipient's account, if they have one. */
  userId?: string | null;
  /** Whose Outbox shows it. */
  organisationId: string | null;
  caseId?: string | null;
  invitationId?: string | null;
  params: GivenParams<K>;
  /** The category a one-click unsubscribe header turns off (reminders and digests). */
  unsubscribe?: MailCategory;
}

/** The Message-ID of a mail: from its idempotency key, so a resent copy is recognisably the same message. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'impasse.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Writes a mail into `mail_outbox` inside the caller's transaction (the transactional
 * outbox): it exists exactly when what it tells of was committed. An existing key writes
 * nothing (the mail was written before). Returns the new row's id, or null.
 */
export async function writeMail<K extends MailKind>(tx: EntityManager, settings: MailSettings, mail: NewMail<K>): Promise<string | null> {
  const links = mailLinks(settings.baseUrl());
  const params = {
    ...mail.params,
    preferencesUrl: links.preferences,
    ...(mail.unsubscribe && mail.userId ? { unsubscribeUrl: links.unsubscribe(unsubscribeToken(settings.linkKey, mail.userId, mail.unsubscribe)) } : {}),
  } as unknown as MailParams[K];
  const status: MailStatus = settings.delivering ? 'PENDING' : 'KEPT';
  const [row]: { id: string }[] = await tx.query(
    `INSERT INTO mail_outbox (idempotency_key, organisation_id, kind, recipient, user_id, case_id, invitation_id, subject, params, message_id, status, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11 = 'KEPT' THEN now() END)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      mail.key,
      mail.organisationId,
      mail.kind,
      mail.to,
      mail.userId ?? null,
      mail.caseId ?? null,
      mail.invitationId ?? null,
      mailSubject(mail.kind, params),
      JSON.stringify(params),
      messageIdFor(mail.key, settings.from),
      status,
    ],
  );
  return row?.id ?? null;
}

export interface OutgoingMessage {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** The message of an outbox row, as it goes to the SMTP server and as the Outbox shows it. */
export async function composeMessage(
  settings: Pick<MailSettings, 'from' | 'replyTo'>,
  row: { kind: MailKind; recipient: string; params: MailParams[MailKind]; messageId: string },
): Promise<OutgoingMessage> {
  const rendered = await renderMail(row.kind, row.params);
  const headers: Record<string, string> = {};
  // RFC 8058 one-click unsubscribe (RFC 2369 List-Unsubscribe with an https URL the client POSTs to).
  if (row.params.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${row.params.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  // Automatic mail: auto-responders stay quiet (RFC 3834).
  headers['Auto-Submitted'] = 'auto-generated';
  return {
    from: settings.from,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    to: row.recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: row.messageId,
    headers,
  };
}

/** How a case is named in mails: its caption, or its docket number where the program says so. */
export function caseNameOf(row: { caption: string; docketNumber: string | null; byDocket: boolean | null }): string {
  if (!row.byDocket) return row.caption;
  return row.docketNumber ? `case no. ${row.docketNumber}` : 'a case of your program';
}

/** Selects what caseNameOf needs, for a case `c` (joins its program). */
export const CASE_NAME_COLUMNS = `c.caption, c.docket_number AS "docketNumber", p.mail_names_case_by_docket AS "byDocket", p.time_zone AS "timeZone"`;
export const CASE_NAME_JOIN = `LEFT JOIN programs p ON p.id = c.program_id`;
