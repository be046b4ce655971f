import { Link, useParams } from 'react-router-dom';
import { StatechartDiagram } from '../../statechart/components/StatechartDiagram';
import { stateLabel } from '../../statechart/lib/labels';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError, hasCode } from '../../ui/lib/errors';
import { attentionLabel, disputeTypeLabel, formatDateTime, formatRelativeDays } from '../../ui/lib/format';
import type { CaseDetail } from '../graphql/case';
import { useLiveCase } from '../hooks/useLiveCase';
import { LiveIndicator, type LiveState } from '../../live/LiveIndicator';
import { AgreementsPanel } from './AgreementsPanel';
import { ClosedBadge, CourtOrderedBadge, describeMyRoles } from './CaseBadges';
import { DeadlinesPanel } from './DeadlinesPanel';
import { IssuesPanel } from './IssuesPanel';
import { NextSteps } from './NextSteps';
import { ParticipantsPanel } from './ParticipantsPanel';
import { SessionsPanel } from './SessionsPanel';
import { Timeline } from './Timeline';
import { CourtReportPanel } from '../../confidential/components/CourtReportPanel';
import { CourtFilingsPanel } from '../../court-filings/components/CourtFilingsPanel';
import { InvitePanel } from '../../confidential/components/InvitePanel';
import { MediatorAssignmentPanel } from '../../confidential/components/MediatorAssignmentPanel';
import { MediatorNotesPanel, SharedWithMediatorPanel } from '../../confidential/components/MediatorPanels';
import { MySidePanel } from '../../confidential/components/MySidePanel';
import { AfterSessionPanel } from '../../after-session/components/AfterSessionPanel';
import { PlaybookPanel } from '../../after-session/components/PlaybookPanel';
import { StrategyPanel } from '../../after-session/components/StrategyPanel';
import { RecommendationsPanel } from '../../after-session/components/RecommendationsPanel';
import { offers } from '../lib/editing';

/**
 * Which panels the viewer's roles call for. Layout only: every panel shows what the api
 * returns for this viewer, and the api answers an empty value where they may not read.
 * What they may change comes from the api (`allowedEdits`), not from their roles.
 */
export function caseLayout({ myRoles, allowedEdits }: Pick<CaseDetail, 'myRoles' | 'allowedEdits'>) {
  const roles = new Set(myRoles.map((r) => r.role));
  const sideRoles = myRoles.filter((r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId);
  const mediator = roles.has('MEDIATOR');
  const programAdmin = roles.has('PROGRAM_ADMIN');
  return {
    mediator,
    /** The side whose workspace to show; counsel first. */
    side: sideRoles.find((r) => r.role === 'COUNSEL') ?? sideRoles[0] ?? null,
    partyOnly: sideRoles.length > 0 && sideRoles.every((r) => r.role === 'PARTY'),
    /** A program administrator and nothing else: the outcome view. */
    outcomeOnly: programAdmin && !mediator && sideRoles.length === 0,
    canInvite: offers({ allowedEdits }, 'INVITE'),
    /** Propose a mediator (the conflict check). */
    canProposeMediator: offers({ allowedEdits }, 'PROPOSE_MEDIATOR'),
    /** Write mediator notes of their own (the panel shows only their own notes). */
    canWriteNotes: offers({ allowedEdits }, 'MEDIATOR_NOTES'),
    /** Every side the viewer is counsel or a party of: the sides they may acknowledge a disclosure for. */
    mySideIds: [...new Set(sideRoles.map((r) => r.sideId as string))],
    /** The side the viewer is counsel for (the debrief links to its workspace), else null. */
    counselSideId: sideRoles.find((r) => r.role === 'COUNSEL')?.sideId ?? null,
  };
}

export function CasePage() {
  const { id = '' } = useParams();
  const { item, fetching, error, stale, reload, liveState } = useLiveCase(id);
  usePageTitle(item ? item.caption : 'Case');

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

  const layout = caseLayout(item);
  if (layout.outcomeOnly) {
    return (
      <main className="page" id="main">
        <BackLink />
        <CaseHeader item={item} liveState={liveState} outcomeOnly />
        <div className="case-grid">
          <div className="case-grid__main">
            <CourtReportPanel caseId={item.id} />
            <CourtFilingsPanel caseId={item.id} onChanged={reload} />
            {item.allowedEvents.length > 0 ? (
              <NextSteps key={item.id} item={item} busy={fetching || stale} onChanged={reload} onReload={reload} />
            ) : null}
          </div>
          <div className="case-grid__aside">
            <MediatorAssignmentPanel caseId={item.id} sides={item.sides} mySideIds={[]} canPropose={layout.canProposeMediator} outcomeOnly onChanged={reload} />
            {layout.canInvite ? <InvitePanel caseId={item.id} sides={item.sides} /> : null}
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

  return (
    <main className="page" id="main">
      <BackLink />
      <CaseHeader item={item} liveState={liveState} />
      <div className="case-grid">
        <div className="case-grid__main">
          <NextSteps key={item.id} item={item} busy={fetching || stale} onChanged={reload} onReload={reload} />
          <CourtFilingsPanel caseId={item.id} onChanged={reload} hideWhenEmpty />
          {layout.mediator || layout.counselSideId ? (
            <AfterSessionPanel item={item} counselSideId={layout.counselSideId} busy={fetching || stale} onChanged={reload} />
          ) : null}
          <RecommendationsPanel item={item} busy={fetching || stale} onChanged={reload} />
          <PlaybookPanel item={item} onChanged={reload} />
          {layout.side ? <StrategyPanel caseId={item.id} sideId={layout.side.sideId} /> : null}
          {layout.side ? <MySidePanel caseId={item.id} sideId={layout.side.sideId} simple={layout.partyOnly} /> : null}
          {layout.mediator ? <SharedWithMediatorPanel caseId={item.id} sides={item.sides} /> : null}
          {layout.canWriteNotes ? <MediatorNotesPanel caseId={item.id} sides={item.sides} /> : null}
          <IssuesPanel item={item} onChanged={reload} />
          <AgreementsPanel item={item} onChanged={reload} />
          <DeadlinesPanel item={item} onChanged={reload} />
          <SessionsPanel item={item} onChanged={reload} />
        </div>
        <div className="case-grid__aside">
          <ParticipantsPanel item={item} />
          <MediatorAssignmentPanel
            caseId={item.id}
            sides={item.sides}
            mySideIds={layout.mySideIds}
            canPropose={layout.canProposeMediator}
            onChanged={reload}
          />
          {layout.canInvite ? <InvitePanel caseId={item.id} sides={item.sides} /> : null}
          {item.courtOrdered ? <CourtReportPanel caseId={item.id} hideWhenEmpty /> : null}
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

function CaseHeader({ item, liveState, outcomeOnly = false }: { item: CaseDetail; liveState: LiveState; outcomeOnly?: boolean }) {
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
      <div className="case-head__facts">
        {roles ? (
          <p className="case-head__role">
            {item.myRoles.length > 1 ? 'Your roles' : 'Your role'}: {roles}
          </p>
        ) : null}
        {outcomeOnly ? null : (
        <p className="case-head__deadline">
          {item.nextDeadlineAt ? (
            <>
              Next deadline: <time dateTime={item.nextDeadlineAt}>{formatDateTime(item.nextDeadlineAt)}</time>{' '}
              <span className="muted">({formatRelativeDays(item.nextDeadlineAt)})</span>
            </>
          ) : (
            <span className="muted">No open deadline</span>
          )}
        </p>
        )}
        <LiveIndicator state={liveState} />
      </div>
      {!outcomeOnly && item.needsAttention.length > 0 ? (
        <p className="case-head__attention" data-testid="case-attention">
          <span className="case-head__attention-label">Needs attention:</span>
          {item.needsAttention.map((reason) => (
            <span key={reason} className="reason">
              {attentionLabel(reason)}
            </span>
          ))}
        </p>
      ) : null}
    </header>
  );
}
