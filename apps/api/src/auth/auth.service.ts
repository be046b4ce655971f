import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SessionEntity, UserEntity } from '../database/entities.js';
import { preparedQuery } from '../database/prepared.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { ViewerCache } from './viewer-cache.js';
import type { Viewer } from './viewer.js';

export const SESSION_COOKIE = 'impasse_session';
export const SESSION_DAYS = 14;
/** A session's use is written at most this often (not on every request). */
export const LAST_USE_WRITE_SECONDS = 60;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** NOTIFY channel of ended sessions (payload: the session id); realtime/ listens to it. */
export const SESSION_REVOKED_CHANNEL = 'session_revoked';

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
const decoyHash = hashPassword(randomBytes(16).toString('hex'));

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly limiter: SignInLimiter,
    private readonly viewers: ViewerCache,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'SESSION_IDLE_MINUTES'>,
  ) {
    this.idleMinutes = config.SESSION_IDLE_MINUTES;
  }

  /** Minutes without use after which a session ends (SESSION_IDLE_MINUTES). */
  private readonly idleMinutes: number;

  /** `ip` is the client address: failures are limited per e-mail and per address. */
  async signIn(email: string, password: string, ip = ''): Promise<NewSession> {
    const normalised = email.trim().toLowerCase();
    const attempt = await this.limiter.begin(normalised, ip);
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalised })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !ok) throw await attempt.failed(new AppError('UNAUTHENTICATED', 'That e-mail and password do not match an account.'));
    await attempt.succeeded();
    return this.startSession(user);
  }

  /**
   * The signed-in person types their password again before a step that binds them (signing an
   * agreement). Failures count against the same sign-in limits, so it is no way to guess.
   */
  async confirmPassword(viewer: Viewer, password: string, ip = ''): Promise<void> {
    const attempt = await this.limiter.begin(viewer.email.toLowerCase(), ip);
    const [row]: { passwordHash: string | null }[] = await this.db.query(`SELECT password_hash AS "passwordHash" FROM users WHERE id = $1`, [viewer.userId]);
    const ok = await verifyPassword(row?.passwordHash ?? (await decoyHash), password);
    if (!row || !ok) throw await attempt.failed(new AppError('BAD_USER_INPUT', 'That password is not right: type the password you sign in with.', { field: 'password' }));
    await attempt.succeeded();
  }

  /** A new session for a user whose identity is already established (sign-in, accepted invitation). */
  async startSession(user: UserEntity, manager: EntityManager = this.db.manager): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
    const session = await manager
      .getRepository(SessionEntity)
      .save({ userId: user.id, tokenHash: tokenHash(token), expiresAt, revokedAt: null });
    return { token, expiresAt, viewer: toViewer(user, session.id) };
  }

  /** The viewer's sessions that still work, newest first. */
  async sessionsOf(viewer: Viewer): Promise<SessionSummary[]> {
    const rows: { id: string; createdAt: Date; expiresAt: Date }[] = await this.db.query(
      `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt" FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND last_used_at > now() - make_interval(mins => $2)
        ORDER BY created_at DESC, id`,
      [viewer.userId, this.idleMinutes],
    );
    return rows.map((r) => ({ ...r, current: r.id === viewer.sessionId }));
  }

  /** Ends one of the viewer's own sessions; another person's session is NOT_FOUND. */
  async revokeSession(viewer: Viewer, sessionId: string): Promise<void> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) throw notFound('session');
    const ended = await this.revoke(`id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`, [sessionId, viewer.userId]);
    if (ended.length === 0) throw notFound('session');
  }

  /**
   * Every request asks this once: from the cache of recent sessions when it may be trusted
   * (see ViewerCache), else one indexed statement. A session unused for SESSION_IDLE_MINUTES
   * has ended: no viewer, and `signedOut` says why. Its use is written at most once every
   * LAST_USE_WRITE_SECONDS (a cache hit writes nothing), so most requests write nothing.
   */
  async sessionForToken(token: string | undefined): Promise<SessionLookup> {
    if (!token) return { viewer: null };
    const hash = tokenHash(token);
    const cached = this.viewers.get(hash);
    if (cached) return { viewer: cached };
    const mark = this.viewers.mark();
    const [row] = await preparedQuery<Viewer & { expiresAt: Date; idle: boolean; write: boolean }>(
      this.db,
      `SELECT u.id AS "userId", u.organisation_id AS "organisationId", u.email, u.display_name AS "displayName",
              u.org_role AS "orgRole", s.id AS "sessionId", s.expires_at AS "expiresAt",
              s.last_used_at <= now() - make_interval(mins => $2) AS idle,
              s.last_used_at <= now() - make_interval(secs => $3) AS write
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hash, this.idleMinutes, LAST_USE_WRITE_SECONDS],
    );
    if (!row) return { viewer: null };
    const { expiresAt, idle, write, ...viewer } = row;
    if (idle) {
      return { viewer: null, signedOut: `You were signed out after ${this.idleMinutes} minutes without activity. Sign in again to continue.` };
    }
    // Written only when the recorded use is a minute old; the row is not locked (a lost race
    // between instances writes the same moment twice).
    if (write) await this.db.query(`UPDATE sessions SET last_used_at = now() WHERE id = $1`, [viewer.sessionId]);
    // Cached no longer than the session would live unused (the cache's own TTL is shorter anyway).
    const idleEnd = new Date(Date.now() + this.idleMinutes * 60_000 - LAST_USE_WRITE_SECONDS * 1000);
    this.viewers.put(hash, viewer, expiresAt < idleEnd ? expiresAt : idleEnd, mark);
    return { viewer };
  }

  async viewerForToken(token: string | undefined): Promise<Viewer | null> {
    return (await this.sessionForToken(token)).viewer;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.revoke(`id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /**
   * Ends every session of a user but `keep` (a password reset: all; a password change: all but
   * the one making it), inside the caller's transaction when given; announced at its commit.
   */
  async endSessionsOf(userId: string, keep: string | null = null, manager?: EntityManager): Promise<string[]> {
    return this.revoke(`user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`, [userId, keep], manager);
  }

  /**
   * Ends sessions and announces each (NOTIFY, delivered at commit) so that every instance
   * forgets it at once: its cached viewer and its open subscriptions. Returns the ended ids.
   */
  private async revoke(where: string, params: unknown[], manager: Pick<EntityManager, 'query'> = this.db): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      // Through a CTE so the driver answers with the rows (a bare UPDATE answers [rows, count]).
      `WITH revoked AS (UPDATE sessions SET revoked_at = now() WHERE ${where} RETURNING id)
       SELECT id, pg_notify('${SESSION_REVOKED_CHANNEL}', id::text) FROM revoked`,
      params,
    );
    for (const { id } of rows) this.viewers.forgetSession(id);
    return rows.map((r) => r.id);
  }
}

export interface SessionLookup {
  viewer: Viewer | null;
  /** Why a session the token names no longer works (left idle), for the UNAUTHENTICATED answer. */
  signedOut?: string;
}

export interface NewSession {
  token: string;
  expiresAt: Date;
  viewer: Viewer;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  current: boolean;
}

export function toViewer(user: UserEntity, sessionId: string): Viewer {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    email: user.email,
    displayName: user.displayName,
    orgRole: user.orgRole,
    sessionId,
  };
}
