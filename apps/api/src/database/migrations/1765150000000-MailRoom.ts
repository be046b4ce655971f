import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mail room: every mail the api sends is first a row of `mail_outbox`, written in the same
 * transaction as what it tells of (an invitation, a reminder, a reset request), so a mail is
 * never lost and never written twice: `idempotency_key` names the recipient and the event.
 * Without an SMTP server the rows are the mail (status KEPT, read on the Outbox page); with
 * one a durable job sends each and records the server's answer. A sent mail keeps its
 * envelope (recipient, subject, status) and loses its `params` (links carry tokens).
 *
 * `mail_preferences` holds what each person wants by mail (none: the defaults);
 * `password_resets` the single-use reset links (a hash of the token, one hour); and a program
 * may have mails name its cases by docket number instead of caption.
 */
export class MailRoom1765150000000 implements MigrationInterface {
  name = 'MailRoom1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mail_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 300),
      organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('INVITATION','PASSWORD_RESET','PASSWORD_CHANGED','EMAIL_CHANGED',
                                         'REMINDER','DIGEST','AGREEMENT_READY','AGREEMENT_BINDING')),
      recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
      invitation_id uuid REFERENCES invitations(id) ON DELETE CASCADE,
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
      params jsonb,
      message_id text NOT NULL CHECK (length(message_id) BETWEEN 3 AND 300),
      status text NOT NULL CHECK (status IN ('PENDING','SENT','REFUSED','FAILED','KEPT')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_reply text CHECK (length(last_reply) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      CHECK ((status = 'PENDING') = (finished_at IS NULL))
    )`);
    await q.query(`CREATE INDEX mail_outbox_pending_idx ON mail_outbox (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX mail_outbox_org_idx ON mail_outbox (organisation_id, created_at DESC)`);
    await q.query(`CREATE INDEX mail_outbox_invitation_idx ON mail_outbox (invitation_id) WHERE invitation_id IS NOT NULL`);
    await q.query(`CREATE INDEX mail_outbox_user_idx ON mail_outbox (user_id, kind, created_at DESC) WHERE user_id IS NOT NULL`);

    await q.query(`CREATE TABLE mail_preferences (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      reminders text NOT NULL DEFAULT 'EACH' CHECK (reminders IN ('EACH','DAILY_DIGEST','OFF')),
      agreements boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE password_resets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    await q.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL`);

    // Some courts treat a caption as sensitive: their mails name a case by its docket number.
    await q.query(`ALTER TABLE programs ADD COLUMN mail_names_case_by_docket boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programs DROP COLUMN IF EXISTS mail_names_case_by_docket`);
    await q.query(`DROP TABLE IF EXISTS password_resets, mail_preferences, mail_outbox`);
  }
}
