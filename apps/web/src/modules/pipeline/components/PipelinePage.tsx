import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { CasesQuery } from '../../cases/graphql/case';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { CaseBoard } from './CaseBoard';
import { CaseTable } from './CaseTable';
import { panelId, tabId, ViewTabs, type PipelineView } from './ViewTabs';

/** The viewer's cases, as a board by stage or a sortable table (`?view=table`). */
export function PipelinePage() {
  usePageTitle('Pipeline');
  const [params, setParams] = useSearchParams();
  const view: PipelineView = params.get('view') === 'table' ? 'table' : 'board';
  const [{ data, error }, reexecute] = useQuery({ query: CasesQuery, requestPolicy: 'cache-and-network' });
  const cases = data?.cases.edges.map((edge) => edge.node);

  function setView(next: PipelineView) {
    const nextParams = new URLSearchParams(params);
    if (next === 'board') nextParams.delete('view');
    else nextParams.set('view', next);
    setParams(nextParams, { replace: true });
  }

  return (
    <main className="page" id="main">
      <div className="page__header">
        <div>
          <h1 className="page__title">Pipeline</h1>
          <p className="page__subtitle">
            {cases ? `${cases.length} ${cases.length === 1 ? 'case' : 'cases'} you take part in` : 'Your cases'}
          </p>
        </div>
        <ViewTabs view={view} onChange={setView} />
      </div>
      <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="page__body">
        {error && !cases ? (
          <ErrorAlert title="Your cases could not be loaded" message={apiError(error).message}>
            <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
              Try again
            </button>
          </ErrorAlert>
        ) : !cases ? (
          <Loading>Loading cases…</Loading>
        ) : cases.length === 0 ? (
          <EmptyState title="No cases yet">
            Cases appear here when you are a participant: as their mediator, as counsel or a party of a side, or
            as the program that referred them.
          </EmptyState>
        ) : view === 'board' ? (
          <CaseBoard cases={cases} />
        ) : (
          <CaseTable cases={cases} />
        )}
      </div>
    </main>
  );
}
