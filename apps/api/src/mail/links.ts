import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a one-click unsubscribe turns off. */
export type MailCategory = 'REMINDERS' | 'AGREEMENTS';
const CATEGORIES: readonly MailCategory[] = ['REMINDERS', 'AGREEMENTS'];

/** The key that signs mail links: derived from the audit key, so no setting of its own. */
export function mailLinkKey(auditKey: Buffer): Buffer {
  return createHmac('sha256', auditKey).update('impasse mail links v1').digest();
}

const sign = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest().subarray(0, 18).toString('base64url');

/**
 * The token of a one-click unsubscribe link: the user, the category and an HMAC of both. It
 * works without sign-in (RFC 8058: the mail client posts it), and only for that person and
 * category; it never expires (an old mail's header must keep working), and it can only turn
 * mails off.
 */
export function unsubscribeToken(key: Buffer, userId: string, category: MailCategory): string {
  const body = `${userId}.${category}`;
  return `${body}.${sign(key, body)}`;
}

export function readUnsubscribeToken(key: Buffer, token: string): { userId: string; category: MailCategory } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Z]+)\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!match) return null;
  const [, userId, category, signature] = match as unknown as [string, string, string, string];
  if (!CATEGORIES.includes(category as MailCategory)) return null;
  const expected = Buffer.from(sign(key, `${userId}.${category}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId, category: category as MailCategory };
}

/** The absolute links mails carry. */
export const mailLinks = (base: string) => ({
  preferences: `${base}/settings`,
  unsubscribe: (token: string) => `${base}/mail/unsubscribe/${encodeURIComponent(token)}`,
  invitation: (token: string) => `${base}/invite/${token}`,
  passwordReset: (token: string) => `${base}/reset-password/${token}`,
  forgotPassword: `${base}/forgot-password`,
  case: (caseId: string) => `${base}/cases/${caseId}`,
  inbox: `${base}/inbox`,
});
