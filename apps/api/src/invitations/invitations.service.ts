import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthService, type NewSession } from '../auth/auth.service.js';
import type { Viewer } from '../auth/viewer.js';
import { CaseChangeNotifier } from '../cases/case-change.notifier.js';
import { CasesService, isUuid } from '../cases/cases.service.js';
import { appendEvent } from '../cases/timeline.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { UserEntity } from '../database/entities.js';
import { can } from '../policy/policy.js';
import { checkDisplayName, checkPassword, createAccount, normaliseEmail } from '../users/accounts.js';
import type { InvitationModel, InviteToCaseInput } from './invitation.model.js';

export const INVITATION_DAYS = 7;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

interface InvitationRow {
  id: string;
  caseId: string;
  sideId: string;
  role: 'COUNSEL' | 'PARTY';
  email: string;
  displayName: string;
  expiresAt: Date;
  usedAt: Date | null;
  organisationId: string;
}

const INVITATION_COLUMNS = `i.id, i.case_id AS "caseId", i.side_id AS "sideId", i.role, i.email, i.display_name AS "displayName",
  i.expires_at AS "expiresAt", i.used_at AS "usedAt", c.organisation_id AS "organisationId"`;

/**
 * Invitations bring counsel and parties onto a side of a case through a single-use,
 * expiring link. Only a hash of the token is stored. The invitation and its acceptance are
 * on the case's timeline with the role and side only (never the e-mail).
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly auth: AuthService,
    private readonly notifier: CaseChangeNotifier,
  ) {}

  async invite(viewer: Viewer, caseId: string, input: InviteToCaseInput): Promise<{ url: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
    await this.db.transaction(async (tx) => {
      const row = await this.cases.getForViewer(viewer, caseId, tx);
      if (!can(viewer, { type: 'case.invite', caseRoles: row.roles })) {
        throw new AppError('FORBIDDEN', "Only the case's mediator or program administrator can invite people to it.");
      }
      await tx.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      const email = normaliseEmail(input.email);
      const displayName = checkDisplayName(input.displayName);
      const [side] = isUuid(input.sideId) ? await tx.query(`SELECT id FROM sides WHERE id = $1 AND case_id = $2`, [input.sideId, caseId]) : [];
      if (!side) throw badInput('sideId', 'choose a side of this case');
      const [invitation] = await tx.query(
        `INSERT INTO invitations (case_id, side_id, role, email, display_name, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [caseId, input.sideId, input.role, email, displayName, hashOf(token), viewer.userId, expiresAt],
      );
      const state = this.cases.stateOf(row);
      await appendEvent(tx, {
        caseId,
        actorUserId: viewer.userId,
        type: 'PARTICIPANT_INVITED',
        fromState: state,
        toState: state,
        payload: { invitationId: invitation.id, role: input.role, sideId: input.sideId },
      });
      await tx.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [caseId]);
    });
    this.notifier.caseChanged(caseId);
    return { url: `/invite/${token}`, expiresAt };
  }

  /** Public: what the link's holder may see before accepting. */
  async lookup(token: string): Promise<InvitationModel> {
    const [row] = await this.db.query(
      `SELECT c.caption AS "caseCaption", s.label AS "sideLabel", i.role, i.email, i.display_name AS "displayName",
              i.expires_at AS "expiresAt", i.expires_at <= now() AS expired, i.used_at IS NOT NULL AS used,
              EXISTS (SELECT 1 FROM users u WHERE u.email = i.email) AS "accountExists"
         FROM invitations i JOIN cases c ON c.id = i.case_id JOIN sides s ON s.id = i.side_id
        WHERE i.token_hash = $1`,
      [hashOf(token)],
    );
    if (!row) throw missing();
    return row as InvitationModel;
  }

  /**
   * Public: joins the case on the invitation's side. A new e-mail gets an account (with the
   * given password); an existing one must be the signed-in viewer. A used or expired link
   * writes nothing. Returns the case id and, unless already signed in as that account, a session.
   */
  async accept(token: string, password: string | null | undefined, viewer: Viewer | null): Promise<{ caseId: string; session: NewSession | null }> {
    const hash = hashOf(token);
    const [found] = await this.db.query(`SELECT case_id AS "caseId" FROM invitations WHERE token_hash = $1`, [hash]);
    if (!found) throw missing();
    const caseId: string = found.caseId;
    const session = await this.db.transaction(async (tx) => {
      // Same lock order as every other case write: the case row, then what hangs off it.
      await tx.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      const [invitation]: InvitationRow[] = await tx.query(
        `SELECT ${INVITATION_COLUMNS} FROM invitations i JOIN cases c ON c.id = i.case_id WHERE i.token_hash = $1 FOR UPDATE OF i`,
        [hash],
      );
      if (!invitation) throw missing();
      if (invitation.usedAt) throw new AppError('BAD_USER_INPUT', 'This invitation was already used. Sign in, or ask the mediator for a new invitation.');
      if (invitation.expiresAt.getTime() <= Date.now()) {
        throw new AppError('BAD_USER_INPUT', 'This invitation has expired. Ask the mediator for a new invitation.');
      }
      const user = await this.invitedUser(tx, invitation, password, viewer);
      const [participant] = await tx.query(
        `INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, user_id, role) DO NOTHING RETURNING id`,
        [caseId, user.id, invitation.role, invitation.sideId],
      );
      await tx.query(`UPDATE invitations SET used_at = now(), used_by = $2 WHERE id = $1`, [invitation.id, user.id]);
      const started = viewer?.userId === user.id ? null : await this.auth.startSession(user, tx);
      const asViewer = started?.viewer ?? viewer!;
      const state = this.cases.stateOf(await this.cases.getForViewer(asViewer, caseId, tx));
      await appendEvent(tx, {
        caseId,
        actorUserId: user.id,
        type: 'INVITATION_ACCEPTED',
        fromState: state,
        toState: state,
        payload: { invitationId: invitation.id, role: invitation.role, sideId: invitation.sideId, participantId: participant?.id ?? null },
      });
      await tx.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [caseId]);
      return started;
    });
    this.notifier.caseChanged(caseId);
    return { caseId, session };
  }

  private async invitedUser(tx: EntityManager, invitation: InvitationRow, password: string | null | undefined, viewer: Viewer | null): Promise<UserEntity> {
    const existing = await tx.getRepository(UserEntity).findOne({ where: { email: invitation.email } });
    if (existing) {
      if (viewer?.userId !== existing.id) {
        throw new AppError('UNAUTHENTICATED', `An account already exists for ${invitation.email}: sign in with it, then open this invitation again.`);
      }
      if (existing.organisationId !== invitation.organisationId) {
        throw new AppError('FORBIDDEN', 'This account belongs to another organisation; ask the mediator to invite another e-mail address.');
      }
      return existing;
    }
    checkPassword(password);
    const account = await createAccount(tx, {
      organisationId: invitation.organisationId,
      email: invitation.email,
      displayName: invitation.displayName,
      orgRole: 'MEMBER',
      password: password!,
    });
    return Object.assign(new UserEntity(), account);
  }
}

const missing = () => notFound('invitation');
