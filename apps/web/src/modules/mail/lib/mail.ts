/** What became of a mail, in words. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  PENDING: 'Waiting to be sent',
  SENT: 'Sent',
  REFUSED: 'Refused by the mail server',
  FAILED: 'Could not be sent',
  KEPT: 'In the Outbox (not sent)',
};

export function mailStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  INVITATION: 'Invitation',
  PASSWORD_RESET: 'Password reset',
  PASSWORD_CHANGED: 'Password changed',
  EMAIL_CHANGED: 'E-mail changed',
  REMINDER: 'Reminder',
  DIGEST: 'Daily digest',
  AGREEMENT_READY: 'Agreement to sign',
  AGREEMENT_BINDING: 'Agreement binding',
};

export function mailKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** A mail's text split into plain text and http(s) links, so links can be followed and nothing else is markup. */
export function textWithLinks(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]*[^\s<>".,;:)]/g)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ text: match[0], href: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
