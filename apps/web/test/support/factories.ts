import type { StateOutline } from '@impasse/case-machine';
import type { CaseDetail, CaseSummary } from '../../src/modules/cases/graphql/case';

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
    version: 1,
    updatedAt: '2026-03-01T10:00:00.000Z',
    state: { __typename: 'CaseState', resolution: 'intake', litigation: 'notFiled', done: false },
    sides: [
      { __typename: 'Side', id: `side-${n}-a`, label: 'Ada Claimant', role: 'CLAIMANT' },
      { __typename: 'Side', id: `side-${n}-b`, label: 'Bo Respondent Inc.', role: 'RESPONDENT' },
    ],
    myRoles: [{ __typename: 'MyCaseRole', role: 'MEDIATOR', sideId: null }],
    allowedEvents: [],
    ...patch,
  } as CaseSummary;
}

/** A case as the api returns it in `case(id)`. */
export function newCaseDetail(patch: Partial<CaseDetail> = {}): CaseDetail {
  return { timeline: [], ...newCase(patch), ...patch } as CaseDetail;
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
