import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { readUnsubscribeToken, type MailCategory } from './links.js';
import { MailRoom } from './mail-room.service.js';
import type { MailPreferencesInput, MailPreferencesModel, OutboxMailModel } from './mail.model.js';
import { composeMessage } from './outbox.js';
import type { MailKind, MailParams } from './templates.js';

export const OUTBOX_PAGE = 100;

/** What a person gets by mail when they never said (reminders each as they come, agreement notices on). */
export const DEFAULT_PREFERENCES: MailPreferencesModel = { reminders: 'EACH', agreements: true };

/** The Outbox, preferences and one-click unsubscribe. */
@Injectable()
export class MailService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly room: MailRoom,
  ) {}

  /** The organisation's mails, newest first: an organisation admin's own organisation only. */
  async outbox(viewer: Viewer, first = 50): Promise<OutboxMailModel[]> {
    if (!can(viewer, { type: 'outbox.read', organisationId: viewer.organisationId })) {
      throw new AppError('FORBIDDEN', "Only an organisation admin can read the organisation's outbox.");
    }
    const limit = Math.max(1, Math.min(first, OUTBOX_PAGE));
    const rows: (Omit<OutboxMailModel, 'text' | 'html'> & { params: MailParams[MailKind] | null; messageId: string })[] = await this.db.query(
      `SELECT id, kind, recipient AS "to", subject, status, created_at AS "createdAt", finished_at AS "finishedAt", attempts,
              last_reply AS "lastReply", params, message_id AS "messageId"
         FROM mail_outbox WHERE organisation_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [viewer.organisationId, limit],
    );
    return Promise.all(
      rows.map(async ({ params, messageId, ...row }) => {
        if (!params) return { ...row, text: null, html: null };
        const message = await composeMessage(this.room.settings, { kind: row.kind, recipient: row.to, params, messageId });
        return { ...row, text: message.text, html: message.html };
      }),
    );
  }

  async preferences(viewer: Viewer): Promise<MailPreferencesModel> {
    const [row]: MailPreferencesModel[] = await this.db.query(`SELECT reminders, agreements FROM mail_preferences WHERE user_id = $1`, [viewer.userId]);
    return row ?? DEFAULT_PREFERENCES;
  }

  async setPreferences(viewer: Viewer, input: MailPreferencesInput): Promise<MailPreferencesModel> {
    const [row]: MailPreferencesModel[] = await this.db.query(
      `INSERT INTO mail_preferences (user_id, reminders, agreements) VALUES ($1, COALESCE($2, 'EACH'), COALESCE($3, true))
       ON CONFLICT (user_id) DO UPDATE SET reminders = COALESCE($2, mail_preferences.reminders),
                                           agreements = COALESCE($3, mail_preferences.agreements), updated_at = now()
       RETURNING reminders, agreements`,
      [viewer.userId, input.reminders ?? null, input.agreements ?? null],
    );
    return row!;
  }

  /** One-click unsubscribe (RFC 8058): the signed token alone. Returns what was turned off, or null for a token that is not ours. */
  async unsubscribe(token: string): Promise<MailCategory | null> {
    const found = readUnsubscribeToken(this.room.settings.linkKey, token);
    if (!found) return null;
    const column = found.category === 'REMINDERS' ? 'reminders' : 'agreements';
    const value = found.category === 'REMINDERS' ? `'OFF'` : 'false';
    // The user may be gone (a token outlives its account): nothing to do, and the answer is the same.
    await this.db.query(
      `INSERT INTO mail_preferences (user_id, ${column}) SELECT id, ${value} FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET ${column} = ${value}, updated_at = now()`,
      [found.userId],
    );
    return found.category;
  }
}
