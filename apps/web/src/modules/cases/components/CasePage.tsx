import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { StatechartDiagram } from '../../statechart/components/StatechartDiagram';
import { stateLabel } from '../../statechart/lib/labels';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError, hasCode } from '../../ui/lib/errors';
import { disputeTypeLabel, roleLabel } from '../../ui/lib/format';
import { CaseQuery, type CaseDetail } from '../graphql/case';
import { ClosedBadge, CourtOrderedBadge, describeMyRoles } from './CaseBadges';
import { NextSteps } from './NextSteps';
import { Timeline } from './Timeline';

export function CasePage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error, stale }, reexecute] = useQuery({ query: CaseQuery, variables: { id } });
  const item = data?.case;
  usePageTitle(item ? item.caption : 'Case');
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  if (!item) {
    return (
      <main className="page" id="main">
        <BackLink />
        {error && hasCode(error, 'NOT_FOUND') ? (
          <>
            <h1>Case not found</h1>
            <p>{apiError(error).message}</p>
          </>
        ) : error ? (
          <ErrorAlert title="This case could not be loaded" message={apiError(error).message}>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </ErrorAlert>
        ) : (
          <Loading>Loading the case…</Loading>
        )}
      </main>
    );
  }

  return (
    <main className="page" id="main">
      <BackLink />
      <CaseHeader item={item} />
      <div className="case-grid">
        <div className="case-grid__steps">
          <NextSteps key={item.id} item={item} busy={fetching || stale} onChanged={reload} onReload={reload} />
        </div>
        <div className="case-grid__aside">
          <Sides item={item} />
          <Timeline entries={item.timeline} />
        </div>
        <section className="panel case-grid__chart" aria-labelledby="statechart-heading">
          <h2 className="panel__title" id="statechart-heading">
            Statechart
          </h2>
          <StatechartDiagram current={{ resolution: item.state.resolution, litigation: item.state.litigation }} />
        </section>
      </div>
    </main>
  );
}

function BackLink() {
  return (
    <p className="crumbs">
      <Link to="/">
        <span aria-hidden="true">← </span>Pipeline
      </Link>
    </p>
  );
}

function CaseHeader({ item }: { item: CaseDetail }) {
  const roles = describeMyRoles(item);
  return (
    <header className="case-head">
      <div className="case-head__title">
        <h1>{item.caption}</h1>
        <p className="case-head__meta">
          {item.docketNumber ? (
            <span>
              <span className="visually-hidden">Docket </span>
              <span className="mono">{item.docketNumber}</span>
            </span>
          ) : (
            <span className="muted">No docket number</span>
          )}
          <span aria-hidden="true">·</span>
          <span>{disputeTypeLabel(item.disputeType)}</span>
          <CourtOrderedBadge courtOrdered={item.courtOrdered} />
          <ClosedBadge done={item.state.done} />
        </p>
      </div>
      <dl className="case-head__states">
        <div>
          <dt>Resolution</dt>
          <dd data-testid="resolution-state">{stateLabel(item.state.resolution)}</dd>
        </div>
        <div>
          <dt>Litigation</dt>
          <dd data-testid="litigation-state">{stateLabel(item.state.litigation)}</dd>
        </div>
      </dl>
      {roles ? (
        <p className="case-head__role">
          {item.myRoles.length > 1 ? 'Your roles' : 'Your role'}: {roles}
        </p>
      ) : null}
    </header>
  );
}

function Sides({ item }: { item: CaseDetail }) {
  const mySides = new Set(item.myRoles.map((r) => r.sideId).filter(Boolean));
  return (
    <section className="panel" aria-labelledby="sides-heading">
      <h2 className="panel__title" id="sides-heading">
        Sides
      </h2>
      <ul className="sides">
        {item.sides.map((side) => (
          <li key={side.id} className="sides__item">
            <span className="sides__label">{side.label}</span>
            <span className="sides__role">{roleLabel(side.role)}</span>
            {mySides.has(side.id) ? <span className="badge">Your side</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
