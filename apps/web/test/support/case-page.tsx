import { render } from '@testing-library/react';
import { getOperationAST, Kind } from 'graphql';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { CasePage } from '../../src/modules/cases/components/CasePage';
import type { CaseDetail } from '../../src/modules/cases/graphql/case';
import { createLiveEvents, LiveContext } from '../../src/modules/live/live';
import { createTestClient, type FakeResponse } from './client';

/**
 * What the fake api does with a mutation: answer an error, or a new version of the case
 * (which later `case(id)` queries return). Returning nothing keeps the case as it is.
 */
export type MutationHandler = (name: string, variables: Record<string, unknown>, current: CaseDetail) => FakeResponse | CaseDetail | void;

/** The case page of `item` on a fake api; mutations go to `onMutation`, queries named in `queries` to their answer. */
export function renderCasePage(
  item: CaseDetail,
  onMutation: MutationHandler = () => undefined,
  queries: Record<string, (variables: Record<string, unknown>) => FakeResponse> = {},
) {
  let current = item;
  const api = createTestClient((operation) => {
    if (operation.name === 'Case') return { data: { case: current } };
    const answer = queries[operation.name];
    if (answer) return answer(operation.variables as Record<string, unknown>);
    const confidential = confidentialAnswer(operation.name, current.id);
    if (confidential) return confidential;
    if (operation.kind === 'mutation') {
      const outcome = onMutation(operation.name, operation.variables as Record<string, unknown>, current);
      if (outcome && 'errors' in outcome && outcome.errors) return outcome;
      if (outcome && 'id' in outcome) current = outcome;
      const root = getOperationAST(operation.query)?.selectionSet.selections[0];
      const field = root?.kind === Kind.FIELD ? root.name.value : operation.name;
      return {
        data: {
          [field]: {
            __typename: 'Case',
            id: current.id,
            version: current.version,
            updatedAt: current.updatedAt,
            state: current.state,
            allowedEvents: current.allowedEvents,
          },
        },
      };
    }
    throw new Error(`unexpected operation ${operation.name}`);
  });
  const live = createLiveEvents();
  render(
    <Provider value={api.client}>
      <LiveContext.Provider value={live}>
        <MemoryRouter initialEntries={[`/cases/${item.id}`]}>
          <Routes>
            <Route path="/cases/:id" element={<CasePage />} />
          </Routes>
        </MemoryRouter>
      </LiveContext.Provider>
    </Provider>,
  );
  return {
    ...api,
    live,
    /** The case the fake api holds now. */
    current: () => current,
    /** Changes the case on the fake api without telling the page (another person's change). */
    setCurrent(next: CaseDetail) {
      current = next;
    },
  };
}

/** What the api answers for the confidential-tier queries of a case with nothing private in it. */
export function confidentialAnswer(name: string, id: string): FakeResponse | null {
  // The invite panel's list of invitations is a root query of its own.
  if (name === 'CaseInvitations') return { data: { caseInvitations: [] } };
  const empty: Record<string, Record<string, unknown>> = {
    MyWorkspace: { myWorkspace: null },
    MyStrategy: { myStrategy: null },
    SharedWithMediator: { sharedWithMediator: [] },
    MediatorNotes: { mediatorNotes: [] },
    CourtReport: { courtReport: null },
    CourtReportFilings: { caption: 'A case', allowedEdits: [], courtReportFilings: [] },
    MediatorAssignment: { mediatorAssignment: null },
  };
  const fields = empty[name];
  return fields ? { data: { case: { __typename: 'Case', id, ...fields } } } : null;
}
