import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  allowedEvents,
  CaseMachineError,
  createCase,
  describeState,
  step,
  type CaseEvent,
  type CaseRoleGrant,
  type CaseStateView,
  type EventType,
} from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { AppError, notFound } from '../common/errors.js';
import { CaseEntity, CaseEventEntity, ParticipantEntity, SideEntity, UserEntity } from '../database/entities.js';
import { asCaseViewer, can } from '../policy/policy.js';
import type { CreateCaseInput } from './dto/create-case.input.js';
import { summarise } from './dto/case-event.input.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { appendEvent } from './timeline.js';

export interface CaseRecord {
  entity: CaseEntity;
  sides: SideEntity[];
  roles: CaseRoleGrant[];
}

export interface TimelineEntry {
  id: string;
  seq: number;
  type: string;
  actorName: string | null;
  fromState: CaseStateView | null;
  toState: CaseStateView;
  summary: string;
  at: Date;
}

/**
 * Cases: read through the viewer's participation, created with their sides, and moved only
 * by the statechart, one compare-and-set transaction per event.
 */
@Injectable()
export class CasesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly notifier: CaseChangeNotifier,
  ) {}

  /** The cases the viewer takes part in, most recently changed first. Three statements whatever N is. */
  async listForViewer(viewer: Viewer, limit = 50): Promise<CaseRecord[]> {
    const participations = await this.db.getRepository(ParticipantEntity).find({ where: { userId: viewer.userId } });
    const ids = [...new Set(participations.map((p) => p.caseId))];
    if (ids.length === 0) return [];
    const cases = await this.db
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids) AND c.organisationId = :org', { ids, org: viewer.organisationId })
      .orderBy('c.updatedAt', 'DESC')
      .limit(limit)
      .getMany();
    return this.withSides(cases, participations);
  }

  /** NOT_FOUND, never FORBIDDEN, for a case the viewer is not on: its existence is not disclosed. */
  async getForViewer(viewer: Viewer, caseId: string, manager: EntityManager = this.db.manager): Promise<CaseRecord> {
    if (!isUuid(caseId)) throw notFound('case');
    const participations = await manager
      .getRepository(ParticipantEntity)
      .find({ where: { userId: viewer.userId, caseId } });
    const entity = await manager
      .getRepository(CaseEntity)
      .findOne({ where: { id: caseId, organisationId: viewer.organisationId } });
    const roles = participations.map(toGrant);
    if (!entity || !can(viewer, { type: 'case.read', caseRoles: roles })) throw notFound('case');
    const [record] = await this.withSides([entity], participations, manager);
    return record!;
  }

  allowedEventsFor(record: CaseRecord): EventType[] {
    return allowedEvents(this.persisted(record.entity), asCaseViewer(record.roles));
  }

  async create(viewer: Viewer, input: CreateCaseInput): Promise<CaseRecord> {
    if (!can(viewer, { type: 'case.create' })) {
      throw new AppError('FORBIDDEN', 'Only mediators and program administrators can open a case.');
    }
    const id = await this.db.transaction(async (tx) => {
      const sideRows = input.sides.map((side, position) => ({ ...side, position }));
      const draft = tx.getRepository(CaseEntity).create({
        organisationId: viewer.organisationId,
        caption: input.caption.trim(),
        docketNumber: input.docketNumber?.trim() || null,
        disputeType: input.disputeType,
        courtOrdered: input.courtOrdered,
        machineVersion: 0,
        snapshot: {},
        resolutionState: '',
        litigationState: '',
        version: 1,
      });
      const saved = await tx.getRepository(CaseEntity).save(draft);
      const sides = await tx
        .getRepository(SideEntity)
        .save(sideRows.map((side) => ({ caseId: saved.id, label: side.label.trim(), role: side.role, position: side.position })));
      const { persisted, state } = createCase({ sides: sides.map((s) => ({ id: s.id, label: s.label })) });
      await tx.getRepository(CaseEntity).update(
        { id: saved.id },
        {
          machineVersion: persisted.machineVersion,
          snapshot: persisted.snapshot as CaseEntity['snapshot'] & object,
          resolutionState: state.resolution,
          litigationState: state.litigation,
        },
      );
      await tx.getRepository(ParticipantEntity).save({
        caseId: saved.id,
        userId: viewer.userId,
        role: viewer.orgRole === 'PROGRAM_ADMIN' ? 'PROGRAM_ADMIN' : 'MEDIATOR',
        sideId: null,
      });
      await appendEvent(tx, { caseId: saved.id, actorUserId: viewer.userId, type: 'CASE_OPENED', fromState: null, toState: state, payload: {} });
      return saved.id;
    });
    this.notifier.caseChanged(id);
    return this.getForViewer(viewer, id);
  }

  /**
   * One transaction: load → machine step → compare-and-set UPDATE → timeline row → commit,
   * then publish. Nothing is written when any step refuses.
   */
  async transition(viewer: Viewer, caseId: string, expectedVersion: number, event: CaseEvent): Promise<CaseRecord> {
    await this.db.transaction(async (tx) => {
      const record = await this.getForViewer(viewer, caseId, tx);
      if (!can(viewer, { type: 'case.transition', caseRoles: record.roles, event: event.type })) {
        throw new AppError('FORBIDDEN', `Your role in this case cannot send ${event.type}.`);
      }
      if (record.entity.version !== expectedVersion) throw versionConflict();
      const from = describeState(this.persisted(record.entity));
      let result;
      try {
        result = step(this.persisted(record.entity), event);
      } catch (error) {
        if (error instanceof CaseMachineError) {
          throw new AppError(error.code === 'INVALID_TRANSITION' ? 'INVALID_TRANSITION' : 'INTERNAL_SERVER_ERROR', error.message);
        }
        throw error;
      }
      const updated: unknown[] = await tx.query(
        `UPDATE cases
            SET snapshot = $3, machine_version = $4, resolution_state = $5, litigation_state = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2
          RETURNING id`,
        [caseId, expectedVersion, result.persisted.snapshot, result.persisted.machineVersion, result.state.resolution, result.state.litigation],
      );
      if (firstRowCount(updated) === 0) throw versionConflict();
      const { payload } = summarise(event);
      await appendEvent(tx, { caseId, actorUserId: viewer.userId, type: event.type, fromState: from, toState: result.state, payload });
    });
    this.notifier.caseChanged(caseId);
    return this.getForViewer(viewer, caseId);
  }

  async timeline(caseId: string): Promise<TimelineEntry[]> {
    const rows = await this.db
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .leftJoinAndMapOne('e.actor', UserEntity, 'u', 'u.id = e.actorUserId')
      .where('e.caseId = :caseId', { caseId })
      .orderBy('e.seq', 'DESC')
      .getMany();
    return rows.map((row) => {
      const actor = (row as CaseEventEntity & { actor?: UserEntity }).actor;
      return {
        id: row.id,
        seq: row.seq,
        type: row.type,
        actorName: actor?.displayName ?? null,
        fromState: row.fromState as CaseStateView | null,
        toState: row.toState as CaseStateView,
        summary: describeEvent(row),
        at: row.createdAt,
      };
    });
  }

  stateOf(entity: CaseEntity): CaseStateView {
    return describeState(this.persisted(entity));
  }

  private persisted(entity: CaseEntity) {
    return { machineVersion: entity.machineVersion, snapshot: entity.snapshot };
  }

  private async withSides(
    cases: CaseEntity[],
    participations: ParticipantEntity[],
    manager: EntityManager = this.db.manager,
  ): Promise<CaseRecord[]> {
    if (cases.length === 0) return [];
    const sides = await manager
      .getRepository(SideEntity)
      .createQueryBuilder('s')
      .where('s.caseId IN (:...ids)', { ids: cases.map((c) => c.id) })
      .orderBy('s.position', 'ASC')
      .getMany();
    return cases.map((entity) => ({
      entity,
      sides: sides.filter((s) => s.caseId === entity.id),
      roles: participations.filter((p) => p.caseId === entity.id).map(toGrant),
    }));
  }
}

const versionConflict = () =>
  new AppError('VERSION_CONFLICT', 'Someone changed this case since you loaded it. Reload it to see the change, then try again.');

function toGrant(participant: ParticipantEntity): CaseRoleGrant {
  return participant.sideId
    ? { role: participant.role as CaseRoleGrant['role'], sideId: participant.sideId }
    : { role: participant.role as CaseRoleGrant['role'] };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query(). */
function firstRowCount(result: unknown[]): number {
  if (Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return result.length;
}

function describeEvent(row: CaseEventEntity): string {
  if (row.type === 'CASE_OPENED') return 'Case opened';
  return summarise({ type: row.type, ...row.payload } as CaseEvent).summary;
}
