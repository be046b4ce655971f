import { useContext, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { plural } from '../../ui/lib/format';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { AuthContext } from '../../auth/hooks/useAuth';
import { CaseOutcomesQuery, type CaseOutcome } from '../graphql/outcomes';
import { PAGE_SIZE, useCaseList } from '../hooks/useCaseList';
import { usePipelineLive } from '../hooks/usePipelineLive';
import { LiveIndicator, liveState } from '../../live/LiveIndicator';
import { useSocketStatus } from '../../live/live';
import { hasFilters, readFilters, toCaseFilter, writeFilters, type PipelineFilters } from '../lib/filters';
import { AttentionList, LoadMore } from './AttentionList';
import { CaseBoard } from './CaseBoard';
import { CaseTable } from './CaseTable';
import { Filters } from './Filters';
import { OutcomeTable } from './OutcomeTable';
import { panelId, tabId, ViewTabs, type PipelineView } from './ViewTabs';

/**
 * The viewer's cases. A program administrator reads only the court-reportable tier of the
 * program's cases, so theirs is a table of outcome columns; everyone else works a pipeline.
 */
export function PipelinePage() {
  const auth = useContext(AuthContext);
  return auth?.me?.orgRole === 'PROGRAM_ADMIN' ? <ProgramPipeline /> : <CasePipeline />;
}

/** The page's title, how many cases are listed (and whose), and whether live updates arrive. */
function PipelineHeader(props: { count: number | undefined; more: boolean; filtered: boolean; whose: string; empty: string; liveError: unknown }) {
  const socket = useSocketStatus();
  return (
    <div className="page__header">
      <div>
        <h1 className="page__title">Pipeline</h1>
        <p className="page__subtitle">
          {props.count !== undefined
            ? `${plural(props.count, 'case')} ${props.filtered ? 'match these filters' : props.whose}${props.more ? ', more to load' : ''}`
            : props.empty}
        </p>
        <LiveIndicator state={liveState({ failed: Boolean(props.liveError), socket, delivering: socket === 'live' })} className="page__live" />
      </div>
    </div>
  );
}

/** The programs named by the cases listed, for the program filter. */
function programsOf(...lists: (readonly { programId: string | null }[] | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const item of lists.flatMap((l) => l ?? [])) if (item.programId) ids.add(item.programId);
  return [...ids].sort();
}

/**
 * A program administrator's cases, each with what its court report says (session occurred,
 * settled, attendance), filtered by what the address says, a page at a time, live.
 */
function ProgramPipeline() {
  usePageTitle('Pipeline');
  const [params, setParams] = useSearchParams();
  const filters = { ...readFilters(params), attention: false };
  const filtered = hasFilters(filters);
  const list = useCaseList<CaseOutcome>(toCaseFilter(filters), PAGE_SIZE, CaseOutcomesQuery);
  const liveError = usePipelineLive(() => list.refetch());
  const cases = list.cases;
  const programs = useMemo(() => programsOf(cases), [cases]);

  return (
    <main className="page" id="main">
      <PipelineHeader count={cases?.length} more={list.hasMore} filtered={filtered} whose="referred to your programs" empty="Your programs’ cases" liveError={liveError} />
      <Filters filters={filters} programs={programs} attention={false} onChange={(next) => setParams(writeFilters(params, next), { replace: true })} />
      <div className="section-head">
        <h2 className="section-head__title">{filtered ? 'Matching cases' : 'Outcomes'}</h2>
      </div>
      <p className="visible-to">Court-reportable (UMA §7): what a mediator may tell a court</p>
      <div className="page__body">
        {list.error && !cases ? (
          <ErrorAlert title="The cases could not be loaded" message={apiError(list.error).message}>
            <button type="button" className="button" onClick={list.refetch}>
              Try again
            </button>
          </ErrorAlert>
        ) : !cases ? (
          <Loading>Loading cases…</Loading>
        ) : cases.length === 0 ? (
          filtered ? (
            <EmptyState title="No case matches these filters">Change or clear the filters to see more cases.</EmptyState>
          ) : (
            <EmptyState title="No cases yet">Cases appear here when they are referred to your program.</EmptyState>
          )
        ) : (
          <OutcomeTable cases={cases} />
        )}
        {cases && (list.hasMore || list.loadMoreError) ? <LoadMore list={list} label="Load more cases" /> : null}
      </div>
    </main>
  );
}

/**
 * The viewer's cases: first those that need attention, then all of them as a board by stage
 * or a table (`?view=table`), filtered by what the address says, a page at a time, and
 * refetched when one of them changes.
 */
function CasePipeline() {
  usePageTitle('Pipeline');
  const [params, setParams] = useSearchParams();
  const view: PipelineView = params.get('view') === 'table' ? 'table' : 'board';
  const filters = readFilters(params);
  const filtered = hasFilters(filters);
  const list = useCaseList(toCaseFilter(filters));
  const attention = useCaseList(toCaseFilter(filters, { needsAttention: true }));
  const liveError = usePipelineLive(() => {
    list.refetch();
    attention.refetch();
  });
  const cases = list.cases;

  const programs = useMemo(() => programsOf(list.cases, attention.cases), [list.cases, attention.cases]);

  function update(next: URLSearchParams) {
    setParams(next, { replace: true });
  }
  function setView(next: PipelineView) {
    const nextParams = new URLSearchParams(params);
    if (next === 'board') nextParams.delete('view');
    else nextParams.set('view', next);
    update(nextParams);
  }
  function setFilters(next: PipelineFilters) {
    update(writeFilters(params, next));
  }

  return (
    <main className="page" id="main">
      <PipelineHeader count={cases?.length} more={list.hasMore} filtered={filtered} whose="you take part in" empty="Your cases" liveError={liveError} />
      <Filters filters={filters} programs={programs} onChange={setFilters} />
      <AttentionList list={attention} filtered={filtered} />
      <div className="section-head">
        <h2 className="section-head__title">{filtered ? 'Matching cases' : 'All cases'}</h2>
        <ViewTabs view={view} onChange={setView} />
      </div>
      <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="page__body">
        {list.error && !cases ? (
          <ErrorAlert title="Your cases could not be loaded" message={apiError(list.error).message}>
            <button type="button" className="button" onClick={list.refetch}>
              Try again
            </button>
          </ErrorAlert>
        ) : !cases ? (
          <Loading>Loading cases…</Loading>
        ) : cases.length === 0 ? (
          filtered ? (
            <EmptyState title="No case matches these filters">Change or clear the filters to see more cases.</EmptyState>
          ) : (
            <EmptyState title="No cases yet">
              Cases appear here when you are a participant: as their mediator, as counsel or a party of a side, or
              as the program that referred them.
            </EmptyState>
          )
        ) : view === 'board' ? (
          <CaseBoard cases={cases} />
        ) : (
          <CaseTable cases={cases} />
        )}
        {cases && (list.hasMore || list.loadMoreError) ? <LoadMore list={list} label="Load more cases" /> : null}
      </div>
    </main>
  );
}
