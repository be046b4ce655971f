import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors.js';
import { SessionEntity, UserEntity } from '../database/entities.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Viewer } from './viewer.js';

export const SESSION_COOKIE = 'impasse_session';
export const SESSION_DAYS = 14;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
const decoyHash = hashPassword(randomBytes(16).toString('hex'));

@Injectable()
export class AuthService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async signIn(email: string, password: string): Promise<{ token: string; expiresAt: Date; viewer: Viewer }> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'That e-mail and password do not match an account.');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
    const session = await this.db
      .getRepository(SessionEntity)
      .save({ userId: user.id, tokenHash: tokenHash(token), expiresAt, revokedAt: null });
    return { token, expiresAt, viewer: toViewer(user, session.id) };
  }

  async viewerForToken(token: string | undefined): Promise<Viewer | null> {
    if (!token) return null;
    const row = await this.db
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', UserEntity, 'u', 'u.id = s.userId')
      .where('s.tokenHash = :hash AND s.revokedAt IS NULL AND s.expiresAt > now()', { hash: tokenHash(token) })
      .getOne();
    const user = (row as (SessionEntity & { user?: UserEntity }) | null)?.user;
    return row && user ? toViewer(user, row.id) : null;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id: sessionId }, { revokedAt: new Date() });
  }
}

function toViewer(user: UserEntity, sessionId: string): Viewer {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    email: user.email,
    displayName: user.displayName,
    orgRole: user.orgRole,
    sessionId,
  };
}
