import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Mails to one address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test's process (smtp-server, from the nodemailer project) on
 * 127.0.0.1: plain SMTP, no TLS or AUTH. It refuses for good (550) every recipient whose local
 * part starts with "refuse", and answers 451 (try later) to those starting with "busy" until
 * `busyFor` attempts were made; every message it takes is parsed with mailparser.
 */
export async function startTestSmtp(options: { busyFor?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const busyTries = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0] ?? '';
      if (local.startsWith('refuse')) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
        return callback(error);
      }
      if (local.startsWith('busy')) {
        const tries = (busyTries.get(address.address) ?? 0) + 1;
        busyTries.set(address.address, tries);
        if (tries <= (options.busyFor ?? 1)) {
          return callback(Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }));
        }
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => m.envelope.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every http(s) link of a mail's text part. */
export function linksOf(mail: ReceivedMail | string): string[] {
  const text = typeof mail === 'string' ? mail : (mail.parsed.text ?? '');
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

/** A header of a parsed mail as its text (mailparser parses some headers into objects). */
export function header(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim() : undefined;
}
