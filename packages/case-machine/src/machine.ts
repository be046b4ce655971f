import { and, assign, enqueueActions, setup } from 'xstate';
import {
  agreeIssues,
  emptyAssessment,
  initialContext,
  issuesWith,
  pendingAgreement,
  settleAgreementStatuses,
  validSignatures,
  type CaseContext,
  type CaseInput,
} from './context.js';
import type { CaseEvent } from './events.js';
import { GUARD_NAMES, GUARDS, signatureOf, type GuardName } from './guards.js';
import { REMEDY_FOR, type Closure, type CourtOrderedProcess, type LitigationPhase, type LitigationState, type Remedy, type ReportedProcess } from './states.js';

export type { CaseContext, CaseInput } from './context.js';

/** What a mediator may report to a court (UMA §7), in NCSC's categories. */
export type ReportResult = 'SETTLED' | 'SETTLED_IN_PART' | 'NOT_SETTLED' | 'NOT_HELD';

/**
 * Side effects the api performs after it has committed the new snapshot. The machine only
 * names them; it never performs them. Deadlines (the 48 hours after an impasse, the
 * mediator's report, a proposal's deadline) are kept by the api, never by timers here.
 */
export const EFFECTS = {
  /** The case entered impasse: start the 48-hour clock for the assessment. */
  IMPASSE_OPENED: 'IMPASSE_OPENED',
  /** Remind `ownerId` of the touchpoint on `touchpointDate`. */
  OUTREACH_SCHEDULED: 'OUTREACH_SCHEDULED',
  /**
   * A session of a court-ordered case ended (a mediation, settlement conference or early
   * neutral evaluation; `process` says which): the report to the court (UMA §7 fields only) is due.
   */
  MEDIATOR_REPORT_DUE: 'MEDIATOR_REPORT_DUE',
  /** `agreementId` became binding: every active party signed it. */
  AGREEMENT_BINDING: 'AGREEMENT_BINDING',
  /** A mediator's proposal went out: set its deadline, after which send CLOSE_PROPOSAL. */
  PROPOSAL_ISSUED: 'PROPOSAL_ISSUED',
  /** The proposal closed; `result` is all anyone learns (never who answered what). */
  PROPOSAL_CLOSED: 'PROPOSAL_CLOSED',
  /** The case ended as `closedAs`. */
  CASE_CLOSED: 'CASE_CLOSED',
} as const;
export type EffectType = (typeof EFFECTS)[keyof typeof EFFECTS];

const effect = <P = undefined>() => (_: unknown, _params: P) => {};

const ids = (value: unknown): readonly string[] => (Array.isArray(value) ? (value as string[]) : []);

/** How a session of `process` ends: settled, in part, or not; each reports to the court when the case is court-ordered. */
const outcomeTransitions = (process: ReportedProcess) => {
  const report = { type: 'reportIfCourtOrdered' as const, params: { process } };
  return [
    { guard: 'settlementReached' as const, target: '#case.resolution.agreement', actions: ['agreeListedIssues' as const, report] },
    { guard: 'partialAgreementReached' as const, target: '#case.resolution.impasse', actions: ['agreeListedIssues' as const, report] },
    { guard: 'noAgreementReached' as const, target: '#case.resolution.impasse', actions: [report] },
  ];
};

const reportMediation = { type: 'reportIfCourtOrdered' as const, params: { process: 'MEDIATION' as const } };
const sessionNotHeld = [
  {
    guard: 'sessionNotHeldForPriorSettlement' as const,
    target: '#case.resolution.agreement',
    actions: ['recordSessionNotHeld' as const, 'agreeAllOpenIssues' as const, reportMediation],
  },
  {
    guard: 'sessionNotHeldForAnotherReason' as const,
    target: '#case.resolution.mediation.notHeld',
    actions: ['recordSessionNotHeld' as const, reportMediation],
  },
];

const courtOrder = (process: CourtOrderedProcess, target: string, extra: 'openArbitration'[] = []) => ({
  guard: { type: 'courtOrders' as const, params: { process } },
  target,
  actions: ['markCourtOrdered' as const, ...extra],
});

/** A court may order ADR from any litigation phase; the litigation region does not move. */
const orderAdr = [
  courtOrder('MEDIATION', '#case.resolution.mediation.scheduled'),
  courtOrder('SETTLEMENT_CONFERENCE', '#case.resolution.adr.settlementConference'),
  courtOrder('EARLY_NEUTRAL_EVALUATION', '#case.resolution.adr.earlyNeutralEvaluation'),
  courtOrder('NON_BINDING_ARBITRATION', '#case.resolution.adr.arbitration', ['openArbitration']),
];

const addIssue = { guard: 'issueIsNew' as const, actions: 'addIssue' as const };

/** A phase of the court track: it advances to `next`, may end in judgment, and may be stayed. */
const litigationPhase = (phase: LitigationPhase, next: LitigationPhase | null, judgment = false) => ({
  entry: { type: 'enterLitigationState' as const, params: { state: phase } },
  on: {
    ...(next ? { ADVANCE_LITIGATION: next } : {}),
    ...(judgment ? { ENTER_JUDGMENT: 'judgment' } : {}),
    STAY_LITIGATION: { target: 'stayed', actions: 'rememberStayedPhase' as const },
  },
});

/** Names the pending agreement, read before the signature or withdrawal that makes it binding is applied. */
const announceBinding = {
  type: 'AGREEMENT_BINDING' as const,
  params: ({ context }: { context: CaseContext }) => ({ agreementId: pendingAgreement(context)?.id ?? '' }),
};

const enterState = (state: LitigationState) => ({ type: 'enterLitigationState' as const, params: { state } });
const closeAs = (closedAs: Closure) => [
  { type: 'closeCase' as const, params: { closedAs } },
  { type: 'CASE_CLOSED' as const, params: { closedAs } },
];

/**
 * Events the resolution region accepts in any open state. Once the case is resolved they
 * are forbidden (a `resolved` state accepts nothing), so a closed case stays closed even
 * through the pure `transition()`, which does not stop at final states.
 */
const caseWideHandlers = {
  WITHDRAW_SIDE: [
    { guard: 'withdrawalEndsCase' as const, target: '.resolved.withdrawn', actions: 'withdrawSide' as const },
    { guard: 'withdrawalCompletesAgreement' as const, actions: [announceBinding, 'withdrawSide' as const] },
    { guard: 'sideIsActive' as const, actions: 'withdrawSide' as const },
  ],
  DISMISS_CASE: { guard: 'litigationPending' as const, target: '.resolved.dismissed' },
  WITHDRAW_ISSUE: { guard: 'issueIsOpen' as const, actions: 'withdrawIssue' as const },
  DECIDE_ISSUE: { guard: 'issueDecidableByCourt' as const, actions: 'decideIssue' as const },
  ADD_ISSUE: addIssue,
  SIGN_AGREEMENT: [
    { guard: 'signatureMakesBinding' as const, actions: [announceBinding, 'signAgreement' as const] },
    { guard: 'signatureIsValid' as const, actions: 'signAgreement' as const },
  ],
  SIGN_AGREEMENT_FOR_CLIENT: [
    { guard: 'signatureMakesBinding' as const, actions: [announceBinding, 'signAgreement' as const] },
    { guard: 'signatureIsValid' as const, actions: 'signAgreement' as const },
  ],
  RECORD_AGREEMENT_TEXT: { guard: 'agreementTextRecordable' as const, actions: 'recordAgreementText' as const },
  MARK_SUBJECT_TO_FORMAL_DOCUMENTS: { guard: 'agreementIsDraft' as const, actions: 'markSubjectToFormalDocuments' as const },
  ADOPT_FORMAL_DOCUMENTS: { guard: 'agreementAwaitsFormalDocuments' as const, actions: 'adoptFormalDocuments' as const },
  RECORD_ARBITRATION_CLAUSE: { guard: 'arbitrationClauseMissing' as const, actions: 'recordArbitrationClause' as const },
  STIPULATE_ARBITRATION: { guard: 'stipulationIsNew' as const, actions: 'recordStipulation' as const },
};

/**
 * The case lifecycle (DOMAIN.md, "The lifecycle"). Two parallel regions: `resolution` (how
 * the dispute is being resolved) and `litigation` (the court track, which keeps running
 * while people negotiate). Settlement, award, dismissal or withdrawal in `resolution` closes
 * `litigation`; a judgment in `litigation` ends `resolution`. No `after` timers: deadlines
 * live in the database, because timers are lost on restore.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: GUARDS_FOR_XSTATE(),
  actions: {
    // ---- issues and agreements ----
    agreeListedIssues: assign(({ context, event }) => {
      const listed =
        event.type === 'AGREE_ISSUES'
          ? ids(event.issueIds)
          : event.type === 'RECORD_OUTCOME' || event.type === 'RECORD_ADR_OUTCOME' || event.type === 'RECORD_SETTLEMENT'
            ? ids(event.agreedIssueIds)
            : [];
      return agreeIssues(context, listed);
    }),
    agreeAllOpenIssues: assign(({ context }) => agreeIssues(context, issuesWith(context, 'OPEN').map((issue) => issue.id))),
    ensureSettlementAgreement: assign(({ context }) => agreeIssues(context, [], true)),
    addIssue: assign(({ context, event }) =>
      event.type === 'ADD_ISSUE' ? { issues: [...context.issues, { id: event.issueId, label: event.label, status: 'OPEN' as const }] } : {},
    ),
    withdrawIssue: assign(({ context, event }) => ({
      issues: context.issues.map((issue) =>
        event.type === 'WITHDRAW_ISSUE' && issue.id === event.issueId ? { ...issue, status: 'WITHDRAWN' as const } : issue,
      ),
    })),
    decideIssue: assign(({ context, event }) => ({
      issues: context.issues.map((issue) =>
        event.type === 'DECIDE_ISSUE' && issue.id === event.issueId ? { ...issue, status: 'DECIDED' as const } : issue,
      ),
    })),
    /** Adds the signature; signatures of other text than the current one are dropped (void). */
    signAgreement: assign(({ context, event }) => {
      const pending = pendingAgreement(context);
      const signature = signatureOf(event);
      if (!signature || !pending) return {};
      return {
        agreements: settleAgreementStatuses({
          ...context,
          agreements: context.agreements.map((a) => (a === pending ? { ...a, signatures: [...validSignatures(a), signature] } : a)),
        }),
      };
    }),
    /** The text changed: signatures of the old text go (void), and the new text is recorded. */
    recordAgreementText: assign(({ context, event }) => {
      const pending = pendingAgreement(context);
      if (event.type !== 'RECORD_AGREEMENT_TEXT' || !pending) return {};
      const text = { digest: event.digest, complete: event.complete };
      return {
        agreements: context.agreements.map((a) =>
          a === pending ? { ...a, text, signatures: a.signatures.filter((s) => s.digest === text.digest) } : a,
        ),
      };
    }),
    markSubjectToFormalDocuments: assign(({ context }) => ({
      agreements: context.agreements.map((a) => (a.status === 'DRAFT' ? { ...a, status: 'SUBJECT_TO_FORMAL_DOCUMENTS' as const } : a)),
    })),
    adoptFormalDocuments: assign(({ context }) => ({
      agreements: context.agreements.map((a) =>
        a.status === 'SUBJECT_TO_FORMAL_DOCUMENTS' ? { ...a, status: 'DRAFT' as const, signatures: [] } : a,
      ),
    })),
    /** The pending agreement is dropped and its issues reopen; binding agreements stand. */
    abandonAgreement: assign(({ context }) => {
      const pending = pendingAgreement(context);
      const reopened = pending?.issueIds ?? [];
      return {
        agreements: context.agreements.filter((a) => a !== pending),
        issues: context.issues.map((issue) => (reopened.includes(issue.id) ? { ...issue, status: 'OPEN' as const } : issue)),
      };
    }),

    // ---- sides ----
    /** A withdrawal can complete an agreement the remaining sides have all signed. */
    withdrawSide: assign(({ context, event }) => {
      if (event.type !== 'WITHDRAW_SIDE') return {};
      const withdrawn: CaseContext = {
        ...context,
        sides: context.sides.map((side) => (side.id === event.sideId ? { ...side, status: 'WITHDRAWN' as const } : side)),
      };
      return { sides: withdrawn.sides, agreements: settleAgreementStatuses(withdrawn) };
    }),

    // ---- mediation sessions ----
    recordSessionNotHeld: assign(({ event }) => ({
      sessionNotHeldReason: event.type === 'RECORD_SESSION_NOT_HELD' ? event.reason : null,
    })),
    clearSessionNotHeld: assign({ sessionNotHeldReason: null }),
    /**
     * A session ended (held or not) in a court-ordered case: the report is due, with the UMA §7
     * result only and the process it reports. Which sessions are court-ordered: every session
     * of a mediation, settlement conference or early neutral evaluation that ends while
     * `courtOrdered` is set, that is once a court referred the case (at opening) or ordered an
     * ADR process in it (ORDER_ADR). The flag stays set: a process the sides choose after a
     * court-ordered mediation failed runs under the court's referral of the case to ADR, so the
     * court hears how it ended too. A report says no more than UMA §7 lets a mediator say, so
     * one report too many discloses nothing, while a missing one leaves a court order unanswered.
     */
    // Type arguments spelled out: enqueueActions inside setup() cannot infer them (xstate issue 4923).
    reportIfCourtOrdered: enqueueActions<
      CaseContext,
      CaseEvent,
      { process: ReportedProcess },
      CaseEvent,
      never,
      { type: 'MEDIATOR_REPORT_DUE'; params: { result: ReportResult; process: ReportedProcess } },
      never,
      never,
      never
    >(({ context, event, enqueue }, params) => {
      if (!context.courtOrdered) return;
      const result: ReportResult | null =
        event.type === 'RECORD_SESSION_NOT_HELD'
          ? 'NOT_HELD'
          : event.type === 'RECORD_OUTCOME' || event.type === 'RECORD_ADR_OUTCOME'
            ? ({ SETTLED: 'SETTLED', PARTIAL_AGREEMENT: 'SETTLED_IN_PART', NO_AGREEMENT: 'NOT_SETTLED' } as const)[event.outcome]
            : null;
      if (result) enqueue({ type: 'MEDIATOR_REPORT_DUE', params: { result, process: params.process } });
    }),

    // ---- impasse assessment ----
    openAssessment: assign((_args) => ({ assessment: emptyAssessment() })),
    recordStallReason: assign(({ context, event }) =>
      event.type === 'RECORD_STALL_REASON'
        ? { assessment: { ...context.assessment, stallReasons: [...context.assessment.stallReasons, { reason: event.reason, remedied: false }] } }
        : {},
    ),
    recordRemedy: assign(({ context, event }) => {
      if (event.type !== 'RECORD_REMEDY') return {};
      const reason = REMEDY_FOR[event.remedy as Remedy];
      return {
        assessment: {
          ...context.assessment,
          stallReasons: context.assessment.stallReasons.map((r) => (r.reason === reason ? { ...r, remedied: true } : r)),
        },
      };
    }),
    assignOutreach: assign(({ context, event }) =>
      event.type === 'ASSIGN_OUTREACH_OWNER'
        ? { assessment: { ...context.assessment, outreach: { ownerId: event.ownerId, touchpointDate: event.touchpointDate } } }
        : {},
    ),

    // ---- ADR ----
    markCourtOrdered: assign({ courtOrdered: true }),
    recordArbitrationClause: assign({ arbitrationClause: true }),
    recordStipulation: assign(({ context, event }) =>
      event.type === 'STIPULATE_ARBITRATION' ? { arbitrationStipulatedBy: [...context.arbitrationStipulatedBy, event.sideId] } : {},
    ),
    openProposal: assign((_args) => ({ proposal: { answers: [] } })),
    recordProposalAnswer: assign(({ context, event }) =>
      event.type === 'ANSWER_PROPOSAL' && context.proposal
        ? { proposal: { answers: [...context.proposal.answers, { sideId: event.sideId, answer: event.answer }] } }
        : {},
    ),
    /** Sealed answers leave the snapshot with the proposal. */
    dropProposal: assign({ proposal: null }),
    openArbitration: assign(({ event }) => ({
      arbitration: { binding: event.type === 'START_ARBITRATION' ? event.binding : false, awardRendered: false, acceptedBy: [] },
    })),
    renderAward: assign(({ context }) => (context.arbitration ? { arbitration: { ...context.arbitration, awardRendered: true } } : {})),
    recordAwardAcceptance: assign(({ context, event }) =>
      event.type === 'ACCEPT_AWARD' && context.arbitration
        ? { arbitration: { ...context.arbitration, acceptedBy: [...context.arbitration.acceptedBy, event.sideId] } }
        : {},
    ),
    dropArbitration: assign({ arbitration: null }),

    // ---- the court track and the end ----
    enterLitigationState: assign((_, params: { state: LitigationState }) => ({ litigation: params.state })),
    rememberStayedPhase: assign(({ context }) => ({ stayedFrom: context.litigation as LitigationPhase })),
    clearStay: assign({ stayedFrom: null }),
    /**
     * Ends the case: issues still open are decided (award, judgment, dismissal) or withdrawn
     * (withdrawal); on settlement the remaining active sides are settled.
     */
    closeCase: assign(({ context }, params: { closedAs: Closure }) => {
      const closedIssueStatus = params.closedAs === 'WITHDRAWN' ? ('WITHDRAWN' as const) : ('DECIDED' as const);
      return {
        closedAs: params.closedAs,
        issues: context.issues.map((issue) => (issue.status === 'OPEN' ? { ...issue, status: closedIssueStatus } : issue)),
        sides:
          params.closedAs === 'SETTLED'
            ? context.sides.map((side) => (side.status === 'ACTIVE' ? { ...side, status: 'SETTLED' as const } : side))
            : context.sides,
      };
    }),

    // ---- effects: named here, performed by the api after commit ----
    IMPASSE_OPENED: effect(),
    OUTREACH_SCHEDULED: effect<{ ownerId: string; touchpointDate: string }>(),
    MEDIATOR_REPORT_DUE: effect<{ result: ReportResult; process: ReportedProcess }>(),
    AGREEMENT_BINDING: effect<{ agreementId: string }>(),
    PROPOSAL_ISSUED: effect(),
    PROPOSAL_CLOSED: effect<{ result: 'SETTLED' | 'NO_AGREEMENT' }>(),
    CASE_CLOSED: effect<{ closedAs: Closure }>(),
  },
}).createMachine({
  id: 'case',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  states: {
    resolution: {
      initial: 'intake',
      // A judgment ends the resolution track too.
      always: { guard: 'judgmentEntered', target: '.resolved.judgment' },
      on: caseWideHandlers,
      states: {
        intake: {
          on: {
            SCHEDULE_MEDIATION: 'mediation.scheduled',
            RECORD_SESSION_NOT_HELD: sessionNotHeld,
            ORDER_ADR: orderAdr,
          },
        },
        mediation: {
          initial: 'scheduled',
          states: {
            scheduled: {
              entry: 'clearSessionNotHeld',
              on: {
                START_SESSION: 'inSession',
                RECORD_SESSION_NOT_HELD: sessionNotHeld,
              },
            },
            inSession: {
              on: {
                ADJOURN_SESSION: 'adjourned',
                RECORD_OUTCOME: outcomeTransitions('MEDIATION'),
              },
            },
            adjourned: {
              on: {
                RESUME_SESSION: 'inSession',
                RECORD_OUTCOME: outcomeTransitions('MEDIATION'),
              },
            },
            /** The session was not held for an NCSC reason other than a prior settlement. */
            notHeld: {
              on: {
                SCHEDULE_MEDIATION: 'scheduled',
                PURSUE_LITIGATION: '#case.resolution.litigating',
                ORDER_ADR: orderAdr,
              },
            },
          },
        },
        /** The post-impasse assessment: name why it stalled, who owns the next outreach, then choose a path. */
        impasse: {
          entry: ['openAssessment', 'IMPASSE_OPENED'],
          on: {
            RECORD_STALL_REASON: { guard: 'stallReasonIsNew', actions: 'recordStallReason' },
            RECORD_REMEDY: { guard: 'remedyAnswersStallReason', actions: 'recordRemedy' },
            ASSIGN_OUTREACH_OWNER: {
              guard: 'outreachIsValid',
              actions: [
                'assignOutreach',
                {
                  type: 'OUTREACH_SCHEDULED',
                  params: ({ event }) =>
                    event.type === 'ASSIGN_OUTREACH_OWNER' ? { ownerId: event.ownerId, touchpointDate: event.touchpointDate } : { ownerId: '', touchpointDate: '' },
                },
              ],
            },
            AGREE_ISSUES: { guard: 'partialAgreementLocked', actions: 'agreeListedIssues' },
            START_NEGOTIATION: { guard: 'impasseAssessed', target: 'negotiation' },
            REMEDIATE: { guard: and(['impasseAssessed', 'remediationJustified']), target: 'mediation.scheduled' },
            SCHEDULE_SETTLEMENT_CONFERENCE: { guard: 'impasseAssessed', target: 'adr.settlementConference' },
            SCHEDULE_EARLY_NEUTRAL_EVALUATION: { guard: 'impasseAssessed', target: 'adr.earlyNeutralEvaluation' },
            ISSUE_MEDIATORS_PROPOSAL: { guard: 'impasseAssessed', target: 'adr.mediatorsProposal' },
            START_ARBITRATION: {
              guard: and(['impasseAssessed', 'arbitrationAgreed']),
              target: 'adr.arbitration',
              actions: 'openArbitration',
            },
            PURSUE_LITIGATION: { guard: 'impasseAssessed', target: 'litigating' },
            // A court order needs no assessment: the court decides the next step.
            ORDER_ADR: orderAdr,
          },
        },
        negotiation: {
          on: {
            AGREE_ISSUES: { guard: 'partialAgreementLocked', actions: 'agreeListedIssues' },
            RECORD_SETTLEMENT: { guard: 'negotiatedSettlementComplete', target: 'agreement', actions: 'agreeListedIssues' },
            END_NEGOTIATION: 'impasse',
            ORDER_ADR: orderAdr,
          },
        },
        adr: {
          initial: 'settlementConference',
          states: {
            settlementConference: { on: { RECORD_ADR_OUTCOME: outcomeTransitions('SETTLEMENT_CONFERENCE') } },
            earlyNeutralEvaluation: { on: { RECORD_ADR_OUTCOME: outcomeTransitions('EARLY_NEUTRAL_EVALUATION') } },
            /** Settles only when every active side accepts before the deadline (CLOSE_PROPOSAL). */
            mediatorsProposal: {
              entry: ['openProposal', 'PROPOSAL_ISSUED'],
              exit: 'dropProposal',
              always: [
                {
                  guard: 'proposalAcceptedByAll',
                  target: '#case.resolution.agreement',
                  actions: ['agreeAllOpenIssues', { type: 'PROPOSAL_CLOSED', params: { result: 'SETTLED' } }],
                },
                {
                  guard: 'proposalRejected',
                  target: '#case.resolution.impasse',
                  actions: { type: 'PROPOSAL_CLOSED', params: { result: 'NO_AGREEMENT' } },
                },
              ],
              on: {
                ANSWER_PROPOSAL: { guard: 'proposalAnswerIsValid', actions: 'recordProposalAnswer' },
                CLOSE_PROPOSAL: {
                  target: '#case.resolution.impasse',
                  actions: { type: 'PROPOSAL_CLOSED', params: { result: 'NO_AGREEMENT' } },
                },
              },
            },
            arbitration: {
              exit: 'dropArbitration',
              always: { guard: 'awardAcceptedByAll', target: '#case.resolution.resolved.award' },
              on: {
                RECORD_AWARD: [
                  { guard: 'awardBinds', target: '#case.resolution.resolved.award' },
                  { guard: 'awardAdvises', actions: 'renderAward' },
                ],
                ACCEPT_AWARD: { guard: 'awardAnswerIsValid', actions: 'recordAwardAcceptance' },
                REJECT_AWARD: { guard: 'awardAnswerIsValid', target: '#case.resolution.impasse' },
              },
            },
          },
        },
        /** The sides chose the court path; negotiation or a court-ordered step can still resolve it. */
        litigating: {
          on: {
            START_NEGOTIATION: 'negotiation',
            ORDER_ADR: orderAdr,
          },
        },
        /** A settlement is being written down and signed; it is done when binding. */
        agreement: {
          entry: 'ensureSettlementAgreement',
          always: { guard: 'settlementBinding', target: 'resolved.settled' },
          on: {
            // A pending agreement always exists here: entry drafts one, and binding it leaves the state.
            ABANDON_AGREEMENT: { target: 'impasse', actions: 'abandonAgreement' },
            // Forbidden here: a settlement being signed has no open issue.
            ADD_ISSUE: {},
          },
        },
        /**
         * How the case ended. The final states sit one level down, so XState never marks the
         * snapshot `done`; `closedAs` in the context (and `describeState().done`) says it.
         */
        resolved: {
          // Never entered by default: every transition names how the case ended.
          initial: 'settled',
          on: Object.fromEntries(Object.keys(caseWideHandlers).map((type) => [type, {}])),
          states: {
            settled: { type: 'final', entry: closeAs('SETTLED') },
            award: { type: 'final', entry: closeAs('AWARD') },
            judgment: { type: 'final', entry: closeAs('JUDGMENT') },
            dismissed: { type: 'final', entry: closeAs('DISMISSED') },
            withdrawn: { type: 'final', entry: closeAs('WITHDRAWN') },
          },
        },
      },
    },
    litigation: {
      initial: 'notFiled',
      // Settlement, award, dismissal or withdrawal ends the court track.
      always: { guard: 'caseEndedOutsideCourt', target: '.closed' },
      states: {
        notFiled: { entry: enterState('notFiled'), on: { FILE_SUIT: 'pleadings' } },
        pleadings: litigationPhase('pleadings', 'discovery'),
        discovery: litigationPhase('discovery', 'experts'),
        experts: litigationPhase('experts', 'motions'),
        motions: litigationPhase('motions', 'trialPrep', true),
        trialPrep: litigationPhase('trialPrep', 'trial'),
        trial: litigationPhase('trial', null, true),
        stayed: {
          entry: enterState('stayed'),
          exit: 'clearStay',
          on: {
            LIFT_STAY: (['pleadings', 'discovery', 'experts', 'motions', 'trialPrep', 'trial'] as const).map((phase) => ({
              guard: { type: 'stayedFrom' as const, params: { phase } },
              target: phase,
            })),
          },
        },
        judgment: { type: 'final', entry: enterState('judgment') },
        closed: { type: 'final', entry: enterState('closed') },
      },
    },
  },
});

/** The guards as XState calls them: `({ context, event }, params)`, each wrapping its pure twin in `GUARDS`. */
function GUARDS_FOR_XSTATE() {
  type Args = { context: CaseContext; event: CaseEvent };
  type Adapted = { [K in GuardName]: (args: Args, params: Parameters<(typeof GUARDS)[K]>[2]) => boolean };
  const adapted: Record<string, (args: Args, params: never) => boolean> = {};
  for (const name of GUARD_NAMES) {
    const guard = GUARDS[name] as (context: CaseContext, event: CaseEvent, params: unknown) => boolean;
    adapted[name] = ({ context, event }, params) => guard(context, event, params);
  }
  return adapted as Adapted;
}
