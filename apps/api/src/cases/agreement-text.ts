import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { pendingAgreement, type CaseContext, type CaseEvent } from '@impasse/case-machine';
import { isUuid } from './cases.service.js';
import { canonicalJson } from './timeline.js';

/** One covered issue as it is signed: its label, its description and its written terms. */
export interface AgreementTextItem {
  issueId: string;
  label: string;
  description: string | null;
  terms: string | null;
}

/** The text of an agreement: what a signature binds. */
export interface AgreementText {
  /** SHA-256 (hex) over the canonical JSON of `items`, in the agreement's order. */
  digest: string;
  /** Every covered issue has written terms. */
  complete: boolean;
  items: AgreementTextItem[];
}

/** The digest of a text: what the statechart records and every signature carries. */
export function digestOf(items: readonly AgreementTextItem[]): string {
  return createHash('sha256').update(canonicalJson(items)).digest('hex');
}

/** Builds the text from rows already loaded (the agreements field reads them through loaders). */
export function textOf(
  issueIds: readonly string[],
  issues: readonly { id: string; label: string; description: string | null }[],
  terms: readonly { issueId: string; terms: string }[],
): AgreementText {
  const items = issueIds.map((issueId) => {
    const issue = issues.find((i) => i.id === issueId);
    const written = terms.find((t) => t.issueId === issueId)?.terms?.trim() || null;
    return { issueId, label: issue?.label ?? '', description: issue?.description ?? null, terms: written };
  });
  return { digest: digestOf(items), complete: items.length > 0 && items.every((item) => item.terms !== null), items };
}

/** The text of the covered issues as the tables hold it now, in the caller's transaction. */
export async function readAgreementText(manager: EntityManager, caseId: string, issueIds: readonly string[]): Promise<AgreementText> {
  const rows: { id: string; label: string; description: string | null; terms: string | null }[] = await manager.query(
    `SELECT i.id, i.label, i.description, t.terms FROM issues i
       LEFT JOIN agreement_terms t ON t.case_id = i.case_id AND t.issue_id = i.id
      WHERE i.case_id = $1 AND i.id = ANY($2::uuid[])`,
    [caseId, issueIds.filter(isUuid)],
  );
  return textOf(
    issueIds,
    rows,
    rows.filter((r) => r.terms !== null).map((r) => ({ issueId: r.id, terms: r.terms! })),
  );
}

/**
 * The event that records the pending agreement's text, when the statechart's record differs
 * from the tables (the agreement was just created or took new issues, or its terms changed);
 * null when they agree or nothing is pending.
 */
export async function textRecording(manager: EntityManager, caseId: string, context: CaseContext): Promise<CaseEvent | null> {
  const pending = pendingAgreement(context);
  if (!pending || pending.issueIds.length === 0) return null;
  const text = await readAgreementText(manager, caseId, pending.issueIds);
  if (pending.text && pending.text.digest === text.digest && pending.text.complete === text.complete) return null;
  return { type: 'RECORD_AGREEMENT_TEXT', digest: text.digest, complete: text.complete };
}
