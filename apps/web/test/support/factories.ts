import type { StateOutline } from '@impasse/case-machine';
import type { CaseConnection, CaseDetail, CaseSummary } from '../../src/modules/cases/graphql/case';

let next = 1;

/** A case as the api returns it in `cases`, with the viewer as its mediator. */
export function newCase(patch: Partial<CaseSummary> = {}): CaseSummary {
  const n = next++;
  return {
    __typename: 'Case',
    id: `case-${n}`,
    caption: `Case ${n} v. Someone`,
    docketNumber: `2026-CV-${String(n).padStart(5, '0')}`,
    disputeType: 'CONTRACT',
    courtOrdered: false,
    programId: null,
    version: 1,
    updatedAt: '2026-03-01T10:00:00.000Z',
    nextDeadlineAt: null,
    needsAttention: [],
    state: { __typename: 'CaseState', resolution: 'intake', litigation: 'notFiled', done: false },
    sides: [
      { __typename: 'Side', id: `side-${n}-a`, label: 'Ada Claimant', role: 'CLAIMANT', status: 'ACTIVE' },
      { __typename: 'Side', id: `side-${n}-b`, label: 'Bo Respondent Inc.', role: 'RESPONDENT', status: 'ACTIVE' },
    ],
    myRoles: [{ __typename: 'MyCaseRole', role: 'MEDIATOR', sideId: null }],
    ...patch,
  } as CaseSummary;
}

/** A case as the api returns it in `case(id)`: participants on both sides, nothing else yet. */
/**
 * The edits the api lists for each case role (`Case.allowedEdits`); the api's allowed-edits
 * test holds it to the same table. A viewer with several roles gets the union.
 */
export const EDITS_OF_ROLE: Readonly<Record<string, readonly string[]>> = {
  MEDIATOR: ['INVITE', 'MEDIATOR_NOTES', 'PLAYBOOK', 'PROPOSE_MEDIATOR', 'RECORDS', 'SESSIONS'],
  COUNSEL: ['PLAYBOOK', 'RECORDS'],
  PARTY: [],
  PROGRAM_ADMIN: ['INVITE', 'PROPOSE_MEDIATOR'],
};

/** What the api answers for `allowedEdits` to a viewer with these roles. */
export function editsOf(myRoles: readonly { role: string }[]): string[] {
  return [...new Set(myRoles.flatMap((r) => EDITS_OF_ROLE[r.role] ?? []))].sort();
}

/** The same case seen by a viewer with other roles: their roles and the edits the api gives them. */
export function withRoles<T extends { myRoles: unknown; allowedEdits: unknown }>(item: T, myRoles: readonly { role: string; sideId: string | null }[]): T {
  return { ...item, myRoles, allowedEdits: editsOf(myRoles) };
}

export function newCaseDetail(patch: Partial<CaseDetail> = {}): CaseDetail {
  const summary = newCase(patch);
  const [a, b] = summary.sides;
  return {
    allowedEvents: [],
    timeline: [],
    issues: [],
    sessions: [],
    deadlines: [],
    agreements: [],
    participants: [
      { __typename: 'Participant', id: `${summary.id}-p-mediator`, name: 'Maya Okafor', role: 'MEDIATOR', sideId: null },
      ...(a ? [{ __typename: 'Participant', id: `${summary.id}-p-a`, name: 'Daniel Reyes', role: 'COUNSEL', sideId: a.id }] : []),
      ...(b ? [{ __typename: 'Participant', id: `${summary.id}-p-b`, name: 'Priya Shah', role: 'COUNSEL', sideId: b.id }] : []),
    ],
    ...summary,
    allowedEdits: editsOf(patch.myRoles ?? summary.myRoles),
    ...patch,
  } as CaseDetail;
}

/** A `cases` answer: the cases as edges, with the page info the api gives. */
export function connection(
  cases: readonly CaseSummary[],
  pageInfo: { hasNextPage?: boolean; endCursor?: string | null } = {},
): CaseConnection {
  return {
    __typename: 'CaseConnection',
    edges: cases.map((node) => ({ __typename: 'CaseEdge', cursor: `cursor-${node.id}`, node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: pageInfo.hasNextPage ?? false,
      endCursor: pageInfo.endCursor ?? (cases.length ? `cursor-${cases[cases.length - 1]!.id}` : null),
    },
  } as CaseConnection;
}

/** A small chart shaped like the real one, for tests that must not move with it. */
export function outlineOf(regions: Record<string, Record<string, string[]>>): StateOutline {
  const node = (id: string, key: string, children: StateOutline[] = []): StateOutline => ({
    id,
    key,
    type: children.length ? 'compound' : 'atomic',
    children,
    transitions: [],
  });
  return {
    id: 'case',
    key: 'case',
    type: 'parallel',
    transitions: [],
    children: Object.entries(regions).map(([region, stages]) =>
      node(
        `case.${region}`,
        region,
        Object.entries(stages).map(([stage, subs]) =>
          node(
            `case.${region}.${stage}`,
            stage,
            subs.map((sub) => node(`case.${region}.${stage}.${sub}`, sub)),
          ),
        ),
      ),
    ),
  };
}

interface CasesArgs {
  filter?: {
    resolution?: string | null;
    litigation?: string | null;
    disputeTypes?: readonly string[] | null;
    programId?: string | null;
    needsAttention?: boolean | null;
  } | null;
  first?: number;
  after?: string | null;
}

/** Whether a case passes the api's `CaseFilterInput` (a stage matches its sub-states). */
export function matchesFilter(item: CaseSummary, filter: CasesArgs['filter']): boolean {
  if (!filter) return true;
  const { resolution, litigation, disputeTypes, programId, needsAttention } = filter;
  if (resolution && item.state.resolution !== resolution && !item.state.resolution.startsWith(`${resolution}.`)) return false;
  if (litigation && item.state.litigation !== litigation) return false;
  if (disputeTypes?.length && !disputeTypes.includes(item.disputeType)) return false;
  if (programId && item.programId !== programId) return false;
  if (needsAttention === true && item.needsAttention.length === 0) return false;
  if (needsAttention === false && item.needsAttention.length > 0) return false;
  return true;
}

/**
 * The `cases` query of a fake api over `all` (a function, so a test can change the data):
 * filters, `first` and the `after` cursor as the api applies them, in the given order.
 */
export function answerCases(all: () => readonly CaseSummary[]) {
  return (variables: unknown) => {
    const { filter, first = 50, after = null } = (variables ?? {}) as CasesArgs;
    const list = all().filter((item) => matchesFilter(item, filter));
    const start = after ? list.findIndex((item) => `cursor-${item.id}` === after) + 1 : 0;
    const page = list.slice(start, start + first);
    return { data: { cases: connection(page, { hasNextPage: start + first < list.length }) } };
  };
}
