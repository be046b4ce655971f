import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import rateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterPostgres as Limiter } from 'rate-limiter-flexible';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput } from '../common/errors.js';
import { mailLinks } from '../mail/links.js';
import { MailRoom } from '../mail/mail-room.service.js';
import { checkPassword, normaliseEmail } from '../users/accounts.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './passwords.js';
import { tooMany } from './sign-in-limiter.js';
import { ViewerCache } from './viewer-cache.js';
import type { Viewer } from './viewer.js';

const { RateLimiterPostgres, RateLimiterRes } = rateLimiterFlexible;

/** A reset link works for an hour, once. */
export const RESET_MINUTES = 60;
/** Reset requests per e-mail address an hour, and per client address (an office shares one). */
export const RESETS_PER_EMAIL = 3;
export const RESETS_PER_ADDRESS = 20;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const INVALID_LINK = 'This reset link is not valid: it was used, it expired (links work for an hour), or a newer one was sent. Ask for a new one.';

/**
 * The account's own changes: a forgotten password (a reset link by mail), a new password, a
 * new e-mail address, each with a notice by mail to the account's address.
 *
 * A reset request answers the same whether or not the e-mail has an account, and is counted
 * per e-mail (a hash) and per client address in PostgreSQL, like sign-in failures, so every
 * instance applies the same limits and a flood cannot fill someone's mailbox. The link's token
 * is stored only as a hash, works once, for an hour; a newer request voids older links; the
 * reset ends every session of the account and writes the notice in the same transaction.
 */
@Injectable()
export class AccountService {
  private readonly perEmail: Limiter;
  private readonly perAddress: Limiter;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly viewers: ViewerCache,
    @Inject(MailRoom) private readonly mail: MailRoom,
  ) {
    const store = { storeClient: db, storeType: 'typeorm', tableName: 'sign_in_attempts', tableCreated: true };
    this.perEmail = new RateLimiterPostgres({ ...store, keyPrefix: 'reset-email', points: RESETS_PER_EMAIL, duration: 3600 });
    this.perAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'reset-ip', points: RESETS_PER_ADDRESS, duration: 3600 });
  }

  /** Public. Always true (unless over the limits): the answer never says whether an account exists. */
  async requestReset(email: string, ip = ''): Promise<true> {
    const normalised = email.trim().toLowerCase();
    try {
      await this.perAddress.consume(ip || 'unknown');
      await this.perEmail.consume(createHash('sha256').update(normalised).digest('hex'));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext, 'Too many password reset requests.');
      throw error;
    }
    const token = randomBytes(32).toString('base64url');
    const links = mailLinks(this.mail.settings.baseUrl());
    const mailId = await this.db.transaction(async (tx) => {
      const [user]: { id: string; email: string; displayName: string; organisationId: string }[] = await tx.query(
        `SELECT id, email, display_name AS "displayName", organisation_id AS "organisationId" FROM users WHERE email = $1 FOR UPDATE`,
        [normalised],
      );
      if (!user) return null;
      // One live link at a time: the newest.
      await tx.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
      const [reset]: { id: string; expiresAt: Date }[] = await tx.query(
        `INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))
         RETURNING id, expires_at AS "expiresAt"`,
        [user.id, hashOf(token), RESET_MINUTES],
      );
      return this.mail.write(tx, {
        kind: 'PASSWORD_RESET',
        key: `password-reset:${reset!.id}`,
        to: user.email,
        userId: user.id,
        organisationId: user.organisationId,
        params: { name: user.displayName, url: links.passwordReset(token), expiresAt: reset!.expiresAt.toISOString(), forgotUrl: links.forgotPassword },
      });
    });
    await this.mail.dispatch([mailId]);
    return true;
  }

  /** Public. Sets the new password from a reset link, ends every session, sends the notice. */
  async resetPassword(token: string, password: string): Promise<true> {
    const mailId = await this.db.transaction(async (tx) => {
      const [found]: { id: string; userId: string; email: string; displayName: string; organisationId: string }[] = await tx.query(
        `SELECT r.id, r.user_id AS "userId", u.email, u.display_name AS "displayName", u.organisation_id AS "organisationId"
           FROM password_resets r JOIN users u ON u.id = r.user_id
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() FOR UPDATE OF r`,
        [hashOf(token)],
      );
      if (!found) throw new AppError('BAD_USER_INPUT', INVALID_LINK, { field: 'token' });
      checkPassword(password, 'password', { email: found.email, displayName: found.displayName });
      await tx.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [found.userId]);
      return this.changed(tx, found, password, null);
    });
    await this.mail.dispatch([mailId]);
    return true;
  }

  /** Signed in: a new password, after the current one (counted like sign-in). Other sessions end; this one stays. */
  async changePassword(viewer: Viewer, current: string, password: string, ip = ''): Promise<true> {
    await this.auth.confirmPassword(viewer, current, ip);
    checkPassword(password, 'newPassword', { email: viewer.email, displayName: viewer.displayName });
    const mailId = await this.db.transaction((tx) =>
      this.changed(tx, { userId: viewer.userId, email: viewer.email, displayName: viewer.displayName, organisationId: viewer.organisationId }, password, viewer.sessionId),
    );
    await this.mail.dispatch([mailId]);
    return true;
  }

  /**
   * Signed in: a new e-mail address, after the password. The notice goes to the former
   * address (whoever holds the account now could otherwise change it unseen). An address that
   * has an account is refused without saying whose.
   */
  async changeEmail(viewer: Viewer, password: string, newEmail: string, ip = ''): Promise<string> {
    await this.auth.confirmPassword(viewer, password, ip);
    const email = normaliseEmail(newEmail);
    if (email === viewer.email) throw badInput('newEmail', 'that is already your address');
    const mailId = await this.db.transaction(async (tx) => {
      const [taken] = await tx.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (taken) throw badInput('newEmail', 'that address cannot be used for this account; choose another');
      await tx.query(`UPDATE users SET email = $2 WHERE id = $1`, [viewer.userId, email]);
      return this.mail.write(tx, {
        kind: 'EMAIL_CHANGED',
        key: `email-changed:${viewer.userId}:${Date.now()}:${randomBytes(4).toString('hex')}`,
        to: viewer.email,
        userId: viewer.userId,
        organisationId: viewer.organisationId,
        params: { name: viewer.displayName, at: new Date().toISOString(), newEmail: email, forgotUrl: mailLinks(this.mail.settings.baseUrl()).forgotPassword },
      });
    });
    // Cached viewers carry the address: forget them, so the next request reads the new one.
    const sessions: { id: string }[] = await this.db.query(`SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [viewer.userId]);
    for (const { id } of sessions) this.viewers.forgetSession(id);
    await this.mail.dispatch([mailId]);
    return email;
  }

  /** The new password's hash, sessions ended (but `keep`), and the notice, in the caller's transaction. */
  private async changed(
    tx: EntityManager,
    user: { userId: string; email: string; displayName: string; organisationId: string },
    password: string,
    keep: string | null,
  ): Promise<string | null> {
    await tx.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [user.userId, await hashPassword(password)]);
    await this.auth.endSessionsOf(user.userId, keep, tx);
    return this.mail.write(tx, {
      kind: 'PASSWORD_CHANGED',
      key: `password-changed:${user.userId}:${Date.now()}:${randomBytes(4).toString('hex')}`,
      to: user.email,
      userId: user.userId,
      organisationId: user.organisationId,
      params: { name: user.displayName, at: new Date().toISOString(), forgotUrl: mailLinks(this.mail.settings.baseUrl()).forgotPassword },
    });
  }
}
