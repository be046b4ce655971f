import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { CaseEditor, type EditScope } from '../cases/case-edit.js';
import { isUuid } from '../cases/cases.service.js';
import { MEDIATOR_NOTE_COLUMNS, WORKSPACE_ITEM_COLUMNS, type MediatorNoteRow, type WorkspaceItemRow } from '../cases/loaders.js';
import { can } from '../policy/policy.js';
import type {
  BatnaInput,
  MediatorNoteInput,
  UpdateMediatorNoteInput,
  UpdateWorkspaceItemInput,
  WorkspaceItemFields,
  WorkspaceItemInput,
} from './dto/workspace.input.js';
import type { WorkspaceItemKindEnum } from './workspace.model.js';

type FieldName = keyof WorkspaceItemFields;

/** Which fields each kind of item takes, and which of them it needs. */
const KINDS: Record<WorkspaceItemKindEnum, { takes: FieldName[]; check: (item: MergedItem) => void }> = {
  NOTE: { takes: ['body'], check: (i) => requireText(i.body, 'body') },
  DEALBREAKER: { takes: ['body'], check: (i) => requireText(i.body, 'body') },
  DRAFT: { takes: ['body'], check: (i) => requireText(i.body, 'body') },
  MISSING_INFORMATION: { takes: ['body'], check: (i) => requireText(i.body, 'body') },
  FLEXIBILITY_SIGNAL: { takes: ['body'], check: (i) => requireText(i.body, 'body') },
  HIDDEN_ISSUE: {
    takes: ['body', 'category'],
    check: (i) => {
      requireText(i.body, 'body');
      if (!i.category) throw badInput('category', 'choose what drives the hidden issue (EGO, FEAR, REPUTATION, CASH_FLOW or CONTROL)');
    },
  },
  BEST_OFFER: {
    takes: ['amount', 'currency', 'nonMoneyTerms', 'body'],
    check: (i) => {
      if (i.amount == null && !i.nonMoneyTerms?.trim()) throw badInput('amount', 'give an amount, non-money terms, or both');
      if (i.amount != null && !i.currency) throw badInput('currency', 'give the currency of the amount (a three-letter code such as USD)');
      checkCurrency(i.currency);
    },
  },
  // The currency is the one of the sheet's range (the dashboard pre-fills it).
  BATNA: {
    takes: ['batna', 'currency', 'body'],
    check: (i) => {
      const b = i.batna ?? {};
      const given = Object.values(b).some((v) => v !== null && v !== undefined && v !== '');
      if (!given) throw badInput('batna', 'fill in at least one line of the BATNA sheet');
      if (b.rangeLow != null && b.rangeHigh != null && b.rangeLow > b.rangeHigh) throw badInput('batna.rangeLow', 'must not exceed batna.rangeHigh');
      checkCurrency(i.currency);
    },
  },
};

interface MergedItem {
  kind: WorkspaceItemKindEnum;
  body: string | null;
  amount: number | null;
  currency: string | null;
  nonMoneyTerms: string | null;
  category: string | null;
  batna: BatnaInput | null;
}

function checkCurrency(currency: string | null): void {
  if (currency && !/^[A-Z]{3}$/.test(currency)) throw badInput('currency', 'must be a three-letter ISO 4217 code such as USD');
}

function requireText(value: string | null, field: string): void {
  if (!value?.trim()) throw badInput(field, 'write something');
}

const trimmed = (value: string | null | undefined) => (value == null ? null : value.trim() || null);

/**
 * The side-private workspace and the mediator's private notes. Nothing here is written to the
 * timeline or announced to other subscribers: the existence of a side's private work is
 * itself private. Every id that is not the viewer's to touch answers NOT_FOUND, whoever owns it.
 */
@Injectable()
export class WorkspacesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly editor: CaseEditor,
  ) {}

  addItem(viewer: Viewer, caseId: string, sideId: string, input: WorkspaceItemInput): Promise<WorkspaceItemRow> {
    return this.privately(
      viewer,
      caseId,
      ({ actor, row }) => {
        if (!isUuid(sideId) || !can(actor, { type: 'workspace.write', caseRoles: row.roles, sideId })) throw notFound('side');
      },
      async (tx) => {
        const item = this.merge({ kind: input.kind, body: null, amount: null, currency: null, nonMoneyTerms: null, category: null, batna: null }, input);
        const [created] = await tx.query(
          `INSERT INTO side_workspace_items (case_id, side_id, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
          [caseId, sideId, item.kind, viewer.userId],
        );
        await this.write(created.id, item, tx);
        return created.id as string;
      },
      () => notFound('case'),
    ).then((id) => this.loadItem(id));
  }

  async updateItem(viewer: Viewer, id: string, input: UpdateWorkspaceItemInput): Promise<WorkspaceItemRow> {
    await this.onItem(viewer, id, async (tx, current) => {
      const item = this.merge(
        {
          kind: current.kind as WorkspaceItemKindEnum,
          body: current.body,
          amount: current.amount === null ? null : Number(current.amount),
          currency: current.currency,
          nonMoneyTerms: current.nonMoneyTerms,
          category: current.category,
          batna: {
            nextWeek: current.nextWeek,
            threeMonths: current.threeMonths,
            costToDecision: current.costToDecision,
            whoDecides: current.whoDecides,
            probability: current.probability === null ? null : Number(current.probability),
            rangeLow: current.rangeLow === null ? null : Number(current.rangeLow),
            rangeHigh: current.rangeHigh === null ? null : Number(current.rangeHigh),
          },
        },
        input,
      );
      await this.write(id, item, tx);
    });
    return this.loadItem(id);
  }

  /** A real delete: a side's drafts and notes are theirs to throw away, and nothing else refers to them. */
  async deleteItem(viewer: Viewer, id: string): Promise<string> {
    await this.onItem(viewer, id, (tx) => tx.query(`DELETE FROM side_workspace_items WHERE id = $1`, [id]));
    return id;
  }

  async shareItem(viewer: Viewer, id: string, shared: boolean): Promise<WorkspaceItemRow> {
    await this.onItem(viewer, id, (tx) => tx.query(`UPDATE side_workspace_items SET shared_with_mediator = $2, updated_at = now() WHERE id = $1`, [id, shared]));
    return this.loadItem(id);
  }

  addNote(viewer: Viewer, caseId: string, input: MediatorNoteInput): Promise<MediatorNoteRow> {
    return this.privately(
      viewer,
      caseId,
      ({ actor, row }) => {
        if (!can(actor, { type: 'mediatorNote.write', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', 'Only the mediator of this case keeps mediator notes.');
        }
      },
      async (tx) => {
        const caucusSideId = await this.checkCaucusSide(tx, caseId, input.caucusSideId ?? null);
        const [created] = await tx.query(
          `INSERT INTO mediator_notes (case_id, author_user_id, body, caucus_side_id) VALUES ($1, $2, $3, $4) RETURNING id`,
          [caseId, viewer.userId, input.body.trim() || requireNoteBody(), caucusSideId],
        );
        return created.id as string;
      },
      () => notFound('case'),
    ).then((id) => this.loadNote(id));
  }

  async updateNote(viewer: Viewer, id: string, input: UpdateMediatorNoteInput): Promise<MediatorNoteRow> {
    await this.onNote(viewer, id, async (tx, note) => {
      const body = input.body === undefined || input.body === null ? note.body : input.body.trim() || requireNoteBody();
      const caucusSideId =
        'caucusSideId' in input && input.caucusSideId !== undefined ? await this.checkCaucusSide(tx, note.caseId, input.caucusSideId) : note.caucusSideId;
      await tx.query(`UPDATE mediator_notes SET body = $2, caucus_side_id = $3, updated_at = now() WHERE id = $1`, [id, body, caucusSideId]);
    });
    return this.loadNote(id);
  }

  async deleteNote(viewer: Viewer, id: string): Promise<string> {
    await this.onNote(viewer, id, (tx) => tx.query(`DELETE FROM mediator_notes WHERE id = $1`, [id]));
    return id;
  }

  /**
   * A private edit through the edit envelope: the case row locked, the viewer's roles read
   * under the lock, then `authorize` and `write`. Nothing goes on the timeline and no notice is
   * sent (the existence of private work is itself private). `hidden` is the refusal for a case
   * the viewer is not on, worded as for an id that does not exist.
   */
  private async privately<R>(
    viewer: Viewer,
    caseId: string,
    authorize: (scope: EditScope) => void,
    write: (tx: EntityManager, scope: EditScope) => Promise<R>,
    hidden: () => AppError,
  ): Promise<R> {
    try {
      return await this.editor.edit(viewer, caseId, { authorize, write: async (scope) => ({ entries: [], result: await write(scope.tx, scope) }) });
    } catch (error) {
      // The envelope's own refusal (not on the case) becomes the one for an id that does not exist.
      if (error instanceof AppError && error.message === CASE_NOT_FOUND) throw hidden();
      throw error;
    }
  }

  /** An edit of a workspace item the viewer may change, read again under the case's lock; NOT_FOUND otherwise, whoever owns it. */
  private onItem(viewer: Viewer, id: string, write: (tx: EntityManager, item: WorkspaceItemRow) => Promise<unknown>): Promise<void> {
    return this.onOwned<WorkspaceItemRow>(viewer, id, {
      from: `${WORKSPACE_ITEM_COLUMNS} FROM side_workspace_items w WHERE w.id = $1`,
      missing: () => notFound('workspace item'),
      may: (actor, roles, item) => can(actor, { type: 'workspace.write', caseRoles: roles, sideId: item.sideId }),
      write,
    });
  }

  /** An edit of a mediator note the viewer wrote, read again under the case's lock; NOT_FOUND otherwise. */
  private onNote(viewer: Viewer, id: string, write: (tx: EntityManager, note: MediatorNoteRow) => Promise<unknown>): Promise<void> {
    return this.onOwned<MediatorNoteRow>(viewer, id, {
      from: `${MEDIATOR_NOTE_COLUMNS} FROM mediator_notes n WHERE n.id = $1`,
      missing: () => notFound('note'),
      may: (actor, roles, note) => can(actor, { type: 'mediatorNote.write', caseRoles: roles, authorUserId: note.authorUserId }),
      write,
    });
  }

  /**
   * An edit of one private row (`from` selects it by id, `$1`): its case found, then, under that
   * case's lock, the row read again FOR UPDATE and `may` asked on the roles read there. Any
   * refusal is `missing`, worded as for an id that does not exist.
   */
  private async onOwned<T extends { caseId: string }>(
    viewer: Viewer,
    id: string,
    spec: {
      from: string;
      missing: () => AppError;
      may: (actor: Viewer, roles: EditScope['row']['roles'], row: T) => boolean;
      write: (tx: EntityManager, row: T) => Promise<unknown>;
    },
  ): Promise<void> {
    const [found]: T[] = isUuid(id) ? await this.db.query(`SELECT ${spec.from}`, [id]) : [];
    if (!found) throw spec.missing();
    await this.privately(
      viewer,
      found.caseId,
      () => undefined,
      async (tx, { actor, row }) => {
        const [current]: T[] = await tx.query(`SELECT ${spec.from} FOR UPDATE`, [id]);
        if (!current || !spec.may(actor, row.roles, current)) throw spec.missing();
        await spec.write(tx, current);
      },
      spec.missing,
    );
  }

  private async checkCaucusSide(tx: EntityManager, caseId: string, sideId: string | null): Promise<string | null> {
    if (sideId === null) return null;
    const [side] = await tx.query(`SELECT id FROM sides WHERE id = $1 AND case_id = $2`, [isUuid(sideId) ? sideId : null, caseId]);
    if (!side) throw badInput('caucusSideId', 'must be a side of this case');
    return side.id;
  }

  /** Applies an input over the current values (undefined keeps, null clears) and checks the result. */
  private merge(current: MergedItem, input: WorkspaceItemFields): MergedItem {
    const rule = KINDS[current.kind];
    for (const field of ['body', 'amount', 'currency', 'nonMoneyTerms', 'category', 'batna'] as const) {
      if (input[field] !== undefined && input[field] !== null && !rule.takes.includes(field)) {
        throw badInput(field, `does not apply to a ${current.kind} item`);
      }
    }
    const pick = <K extends keyof MergedItem>(key: K, value: MergedItem[K] | undefined): MergedItem[K] => (value === undefined ? current[key] : value);
    const batna = input.batna === undefined ? current.batna : input.batna === null ? null : { ...(current.batna ?? {}), ...dropUndefined(input.batna) };
    const merged: MergedItem = {
      kind: current.kind,
      body: pick('body', input.body === undefined ? undefined : trimmed(input.body)),
      amount: pick('amount', input.amount),
      currency: pick('currency', input.currency === undefined ? undefined : trimmed(input.currency)?.toUpperCase() ?? null),
      nonMoneyTerms: pick('nonMoneyTerms', input.nonMoneyTerms === undefined ? undefined : trimmed(input.nonMoneyTerms)),
      category: pick('category', input.category),
      batna,
    };
    rule.check(merged);
    return merged;
  }

  private async write(id: string, item: MergedItem, manager: EntityManager = this.db.manager): Promise<void> {
    const b = item.batna ?? {};
    await manager.query(
      `UPDATE side_workspace_items
          SET body = $2, amount = $3, currency = $4, non_money_terms = $5, category = $6, next_week = $7, three_months = $8,
              cost_to_decision = $9, who_decides = $10, probability = $11, range_low = $12, range_high = $13, updated_at = now()
        WHERE id = $1`,
      [
        id,
        item.body,
        item.amount,
        item.currency,
        item.nonMoneyTerms,
        item.category,
        trimmed(b.nextWeek),
        trimmed(b.threeMonths),
        trimmed(b.costToDecision),
        trimmed(b.whoDecides),
        b.probability ?? null,
        b.rangeLow ?? null,
        b.rangeHigh ?? null,
      ],
    );
  }

  private async loadItem(id: string): Promise<WorkspaceItemRow> {
    const [item] = await this.db.query(`SELECT ${WORKSPACE_ITEM_COLUMNS} FROM side_workspace_items w WHERE w.id = $1`, [id]);
    if (!item) throw notFound('workspace item');
    return item;
  }

  private async loadNote(id: string): Promise<MediatorNoteRow> {
    const [note] = await this.db.query(`SELECT ${MEDIATOR_NOTE_COLUMNS} FROM mediator_notes n WHERE n.id = $1`, [id]);
    if (!note) throw notFound('note');
    return note;
  }
}

const CASE_NOT_FOUND = notFound('case').message;

function requireNoteBody(): never {
  throw badInput('body', 'write something');
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
