import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthService, type NewSession } from '../auth/auth.service.js';
import type { Viewer } from '../auth/viewer.js';
import { CaseEditor, NOBODY } from '../cases/case-edit.js';
import { CasesService, isUuid } from '../cases/cases.service.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { UserEntity } from '../database/entities.js';
import { can } from '../policy/policy.js';
import { checkDisplayName, checkPassword, createAccount, normaliseEmail } from '../users/accounts.js';
import { mailLinks } from '../mail/links.js';
import { MailRoom } from '../mail/mail-room.service.js';
import { CASE_NAME_COLUMNS, CASE_NAME_JOIN, caseNameOf } from '../mail/outbox.js';
import type { CaseInvitationModel, InvitationModel, InviteToCaseInput } from './invitation.model.js';

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
 * expiring link. Only a hash of the token is stored. Every change to who is on a side goes
 * through the edit envelope and onto the case's timeline with the role and side only (never
 * the e-mail).
 *
 * One person, one role per case: an invitation cannot name an e-mail that holds a role on the
 * case, and acceptance checks again under the case's lock. Accounts whose organisation role is
 * mediator or program administrator never join a side. Only the account of the invited e-mail
 * accepts. No answer tells the inviter whether an e-mail has an account anywhere.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly editor: CaseEditor,
    private readonly auth: AuthService,
    private readonly cases: CasesService,
    @Inject(MailRoom) private readonly mail: MailRoom,
  ) {}

  /**
   * Writes the invitation and, in the same transaction, its mail to the invitee (the link, the
   * case as the program names it in mails, the side and role). The mediator still gets the
   * link to copy; the mail goes out after commit.
   */
  async invite(viewer: Viewer, caseId: string, input: InviteToCaseInput): Promise<{ url: string; expiresAt: Date; invitationId: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
    const { mailId, ...link } = await this.editor.edit(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'case.invite', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', "Only the case's mediator or program administrator can invite people to it.");
        }
      },
      write: async ({ tx, actor }) => {
        const email = normaliseEmail(input.email);
        const displayName = checkDisplayName(input.displayName);
        const [side] = isUuid(input.sideId) ? await tx.query(`SELECT id FROM sides WHERE id = $1 AND case_id = $2`, [input.sideId, caseId]) : [];
        if (!side) throw badInput('sideId', 'choose a side of this case');
        // Says something of this case only, never whether the e-mail has an account elsewhere.
        if (await holdsRoleByEmail(tx, caseId, email)) {
          throw badInput('email', 'that person already holds a role in this case: one person holds one role per case');
        }
        const [invitation] = await tx.query(
          `INSERT INTO invitations (case_id, side_id, role, email, display_name, token_hash, invited_by, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [caseId, input.sideId, input.role, email, displayName, hashOf(token), actor.userId, expiresAt],
        );
        const [named] = await tx.query(
          `SELECT ${CASE_NAME_COLUMNS}, s.label AS "sideLabel" FROM cases c ${CASE_NAME_JOIN} JOIN sides s ON s.id = $2 WHERE c.id = $1`,
          [caseId, input.sideId],
        );
        const mailId = await this.mail.write(tx, {
          kind: 'INVITATION',
          key: `invitation:${invitation.id}`,
          to: email,
          organisationId: actor.organisationId,
          caseId,
          invitationId: invitation.id,
          params: {
            name: displayName,
            inviterName: actor.displayName,
            caseName: caseNameOf(named),
            sideLabel: named.sideLabel,
            role: input.role,
            url: mailLinks(this.mail.settings.baseUrl()).invitation(token),
            expiresAt: expiresAt.toISOString(),
            timeZone: named.timeZone ?? 'UTC',
          },
        });
        return {
          entries: [{ type: 'PARTICIPANT_INVITED', payload: { invitationId: invitation.id, role: input.role, sideId: input.sideId } }],
          result: { url: `/invite/${token}`, expiresAt, invitationId: invitation.id as string, mailId },
        };
      },
    });
    await this.mail.dispatch([mailId]);
    return link;
  }

  /**
   * The case's invitations for whoever may invite (the mediator, a program administrator),
   * newest first, each with what became of its mail (sent, refused by the mail server, kept in
   * the outbox) and whether it was accepted. NOT_FOUND for a case the viewer is not on.
   */
  async ofCase(viewer: Viewer, caseId: string): Promise<CaseInvitationModel[]> {
    const row = await this.cases.getForViewer(viewer, caseId);
    if (!can(viewer, { type: 'case.invite', caseRoles: row.roles })) {
      throw new AppError('FORBIDDEN', "Only the case's mediator or program administrator can see its invitations.");
    }
    return this.db.query(
      `SELECT i.id, i.email, i.display_name AS "displayName", i.role, i.side_id AS "sideId", s.label AS "sideLabel",
              i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.used_at AS "acceptedAt",
              i.used_at IS NULL AND i.expires_at <= now() AS expired,
              m.status AS "mailStatus", m.last_reply AS "mailReply", m.finished_at AS "mailAt"
         FROM invitations i JOIN sides s ON s.id = i.side_id
         LEFT JOIN mail_outbox m ON m.invitation_id = i.id AND m.kind = 'INVITATION'
        WHERE i.case_id = $1 ORDER BY i.created_at DESC, i.id`,
      [caseId],
    );
  }

  /** Public: what the link's holder may see before accepting; nothing about accounts. */
  async lookup(token: string): Promise<InvitationModel> {
    const [row] = await this.db.query(
      `SELECT c.caption AS "caseCaption", s.label AS "sideLabel", i.role, i.email, i.display_name AS "displayName",
              i.expires_at AS "expiresAt", i.expires_at <= now() AS expired, i.used_at IS NOT NULL AS used
         FROM invitations i JOIN cases c ON c.id = i.case_id JOIN sides s ON s.id = i.side_id
        WHERE i.token_hash = $1`,
      [hashOf(token)],
    );
    if (!row) throw missing();
    return row as InvitationModel;
  }

  /**
   * Public: joins the case on the invitation's side. Signed in, the account must be the
   * invited e-mail's; signed out, a new e-mail gets an account (with the given password) and
   * an e-mail that has one must sign in first. A used or expired link writes nothing. Returns
   * the case id and, unless already signed in as that account, a session.
   */
  async accept(token: string, password: string | null | undefined, viewer: Viewer | null): Promise<{ caseId: string; session: NewSession | null }> {
    const hash = hashOf(token);
    const [found] = await this.db.query(`SELECT case_id AS "caseId", email FROM invitations WHERE token_hash = $1`, [hash]);
    if (!found) throw missing();
    const caseId: string = found.caseId;
    if (viewer && viewer.email !== found.email) {
      throw new AppError('FORBIDDEN', 'This invitation is for another e-mail address. Sign out, then open the link again.');
    }
    // Signed out, nobody acts yet: the invitation alone decides.
    const session = await this.editor.edit(viewer ?? NOBODY, caseId, {
      outsider: true,
      authorize: () => undefined,
      write: async ({ tx, row }) => {
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
        if (user.orgRole === 'MEDIATOR' || user.orgRole === 'PROGRAM_ADMIN') {
          throw new AppError('FORBIDDEN', 'Mediator and program administrator accounts are neutral: they cannot join a side of a case. Ask for an invitation to another e-mail address.');
        }
        const [held] = await tx.query(`SELECT 1 FROM participants WHERE case_id = $1 AND user_id = $2`, [row.id, user.id]);
        if (held) throw new AppError('BAD_USER_INPUT', 'You already hold a role in this case: one person holds one role per case.');
        const [participant] = await tx.query(`INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
          caseId,
          user.id,
          invitation.role,
          invitation.sideId,
        ]);
        await tx.query(`UPDATE invitations SET used_at = now(), used_by = $2 WHERE id = $1`, [invitation.id, user.id]);
        const started = viewer?.userId === user.id ? null : await this.auth.startSession(user, tx);
        return {
          entries: [
            {
              type: 'INVITATION_ACCEPTED',
              payload: { invitationId: invitation.id, role: invitation.role, sideId: invitation.sideId, participantId: participant.id },
            },
          ],
          result: started,
          actorUserId: user.id,
        };
      },
    });
    return { caseId, session };
  }

  private async invitedUser(tx: EntityManager, invitation: InvitationRow, password: string | null | undefined, viewer: Viewer | null): Promise<UserEntity> {
    const existing = await tx.getRepository(UserEntity).findOne({ where: { email: invitation.email } });
    if (existing) {
      if (viewer?.userId !== existing.id) {
        throw new AppError('UNAUTHENTICATED', 'Sign in with the invited e-mail address, then open this invitation again.');
      }
      if (existing.organisationId !== invitation.organisationId) {
        throw new AppError('FORBIDDEN', 'This account belongs to another organisation; ask the mediator to invite another e-mail address.');
      }
      return existing;
    }
    checkPassword(password, 'password', { email: invitation.email, displayName: invitation.displayName });
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

/** Whether the e-mail belongs to someone who holds a role on the case. */
async function holdsRoleByEmail(tx: EntityManager, caseId: string, email: string): Promise<boolean> {
  const [row] = await tx.query(`SELECT 1 FROM participants p JOIN users u ON u.id = p.user_id WHERE p.case_id = $1 AND u.email = $2`, [caseId, email]);
  return Boolean(row);
}

const missing = () => notFound('invitation');
