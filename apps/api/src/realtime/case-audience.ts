import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseRoleGrant } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { CaseEntity, ParticipantEntity } from '../database/entities.js';
import { can } from '../policy/policy.js';
import type { CaseSignal } from './change-feed.js';

interface Audience {
  organisationId: string | null;
  participants: ParticipantEntity[];
}

const NOBODY: Audience = { organisationId: null, participants: [] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may hear that a case changed: the same rule as reading the case (same organisation,
 * and the policy grants `case.read` to the viewer's roles on it). Loaded once per signal and
 * shared by every pipeline subscription of this instance, so N subscribers cost two
 * statements per change, not 2N.
 */
@Injectable()
export class CaseAudience {
  private readonly loaded = new WeakMap<CaseSignal, Promise<Audience>>();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async maySee(viewer: Viewer, signal: Extract<CaseSignal, { kind: 'changed' }>): Promise<boolean> {
    const audience = await this.audienceOf(signal);
    if (audience.organisationId === null || audience.organisationId !== viewer.organisationId) return false;
    const roles = audience.participants.filter((p) => p.userId === viewer.userId).map(toGrant);
    return can(viewer, { type: 'case.read', caseRoles: roles });
  }

  private audienceOf(signal: Extract<CaseSignal, { kind: 'changed' }>): Promise<Audience> {
    let audience = this.loaded.get(signal);
    if (!audience) {
      audience = this.load(signal.caseId);
      this.loaded.set(signal, audience);
      // A failed load is not kept: the next subscriber asks again.
      audience.catch(() => this.loaded.delete(signal));
    }
    return audience;
  }

  private async load(caseId: string): Promise<Audience> {
    // Anyone with database access can NOTIFY; a payload that is not a case id reaches nobody.
    if (!UUID.test(caseId)) return NOBODY;
    const found = await this.db
      .getRepository(CaseEntity)
      .findOne({ where: { id: caseId }, select: { id: true, organisationId: true } });
    if (!found) return NOBODY;
    const participants = await this.db.getRepository(ParticipantEntity).find({ where: { caseId } });
    return { organisationId: found.organisationId, participants };
  }
}

function toGrant(participant: ParticipantEntity): CaseRoleGrant {
  return participant.sideId
    ? { role: participant.role as CaseRoleGrant['role'], sideId: participant.sideId }
    : { role: participant.role as CaseRoleGrant['role'] };
}
