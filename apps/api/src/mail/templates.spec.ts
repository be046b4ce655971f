import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readUnsubscribeToken, unsubscribeToken } from './links.js';
import { MAIL_KINDS, renderMail, type MailKind, type MailParams } from './templates.js';

const common = { name: 'Ines <b>Invitee</b>', preferencesUrl: 'https://cases.example/settings', timeZone: 'America/New_York' };
const line = { caseName: 'Acme & Co v. Beta', caseUrl: 'https://cases.example/cases/c1', title: 'Mediation statement', lead: 'P1D' as const, dueAt: '2026-03-10T21:00:00Z' };

const SAMPLES: { [K in MailKind]: MailParams[K] } = {
  INVITATION: { ...common, inviterName: 'Maya Okafor', caseName: 'Acme & Co v. Beta', sideLabel: 'Acme', role: 'COUNSEL', url: 'https://cases.example/invite/tok', expiresAt: '2026-03-08T10:00:00Z' },
  PASSWORD_RESET: { ...common, url: 'https://cases.example/reset-password/tok', expiresAt: '2026-03-01T11:00:00Z', forgotUrl: 'https://cases.example/forgot-password' },
  PASSWORD_CHANGED: { ...common, at: '2026-03-01T10:00:00Z', forgotUrl: 'https://cases.example/forgot-password' },
  EMAIL_CHANGED: { ...common, at: '2026-03-01T10:00:00Z', newEmail: 'new@example.test', forgotUrl: 'https://cases.example/forgot-password' },
  REMINDER: { ...common, ...line, unsubscribeUrl: 'https://cases.example/mail/unsubscribe/t' },
  DIGEST: { ...common, day: '2026-03-09', items: [line, { ...line, lead: 'DUE', title: 'Call the client' }], inboxUrl: 'https://cases.example/inbox', unsubscribeUrl: 'https://cases.example/mail/unsubscribe/t' },
  AGREEMENT_READY: { ...common, caseName: 'Acme & Co v. Beta', caseUrl: 'https://cases.example/cases/c1' },
  AGREEMENT_BINDING: { ...common, caseName: 'Acme & Co v. Beta', caseUrl: 'https://cases.example/cases/c1' },
};

describe('mail templates', () => {
  it.each(MAIL_KINDS)('%s: a text and an HTML part from one template, with the preferences link, readable on a phone', async (kind) => {
    const mail = await renderMail(kind, SAMPLES[kind] as never);
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.text).toContain('Hello Ines <b>Invitee</b>,');
    expect(mail.text).toContain('https://cases.example/settings');
    expect(mail.html).toContain('href="https://cases.example/settings"');
    // Escaped in HTML: a name cannot add markup.
    expect(mail.html).toContain('Ines &lt;b&gt;Invitee&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Invitee</b>');
    expect(mail.html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    // Every link of the text part is in the HTML part too.
    for (const link of mail.text.match(/https:\/\/\S+/g) ?? []) expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  });

  it('dates in the program’s time zone', async () => {
    const mail = await renderMail('REMINDER', SAMPLES.REMINDER);
    expect(mail.text).toContain('Tue, Mar 10, 2026, 17:00 EDT');
  });

  it('never makes a link of anything but http(s)', async () => {
    const mail = await renderMail('INVITATION', { ...SAMPLES.INVITATION, url: 'javascript:alert(1)' });
    expect(mail.html).not.toMatch(/href="(?!https?:\/\/|#")/);
  });
});

describe('unsubscribe tokens', () => {
  const key = randomBytes(32);
  const user = '0b6b7a1e-2f6d-4c1a-9f3e-1a2b3c4d5e6f';
  it('name their user and category, and nothing else verifies', () => {
    const token = unsubscribeToken(key, user, 'REMINDERS');
    expect(readUnsubscribeToken(key, token)).toEqual({ userId: user, category: 'REMINDERS' });
    expect(readUnsubscribeToken(randomBytes(32), token)).toBeNull();
    expect(readUnsubscribeToken(key, token.replace('REMINDERS', 'AGREEMENTS'))).toBeNull();
    expect(readUnsubscribeToken(key, token.replace(user, '1b6b7a1e-2f6d-4c1a-9f3e-1a2b3c4d5e6f'))).toBeNull();
    expect(readUnsubscribeToken(key, 'garbage')).toBeNull();
  });
});
