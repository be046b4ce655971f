import { createTransport } from 'nodemailer';
import type { OutgoingMessage } from './outbox.js';

/** What sending one message came to. */
export type SendOutcome =
  /** The server took the message (a 250 to its data). */
  | { outcome: 'sent'; reply: string }
  /** The server refused it for good (5xx): retrying would be refused again. */
  | { outcome: 'refused'; reply: string }
  /** A 4xx, a lost connection, a timeout: worth another attempt later. */
  | { outcome: 'transient'; reply: string };

export interface MailTransport {
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): void;
}

/** The server's reply, one line, bounded: it names the address or the policy, never our content. */
const replyText = (text: string | undefined, fallback: string) => (text ?? fallback).replace(/[\r\n]+/g, ' ').trim().slice(0, 1000) || fallback;

/**
 * SMTP through nodemailer, from SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for
 * TLS from the start; credentials in the URL). One pooled transporter per process; timeouts
 * bound every step, so a job never waits on a silent server for ever.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: message.from,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
        });
        // One recipient per message: a refused RCPT with others accepted cannot happen, but say so if it does.
        if (info.rejected.length > 0 && info.accepted.length === 0) return { outcome: 'refused', reply: replyText(info.response, 'recipient refused') };
        return { outcome: 'sent', reply: replyText(info.response, '250 accepted') };
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; permanent?: boolean; code?: string; message?: string };
        const reply = replyText(e.response, e.code ?? 'the mail server could not be reached');
        // nodemailer marks a 5xx reply (except 503, a bad sequence) as permanent.
        if (e.permanent === true || (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode !== 503)) return { outcome: 'refused', reply };
        return { outcome: 'transient', reply };
      }
    },
    close() {
      transporter.close();
    },
  };
}
