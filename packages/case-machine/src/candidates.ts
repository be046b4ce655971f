import { activeSides, issuesWith, pendingAgreement, type CaseContext } from './context.js';

/** The signer of a candidate signature for a client: `allowedEvents` substitutes the viewer's own participant. */
export const ANY_SIGNER = '*';
import { EVENT_TYPES, type CaseEvent, type EventType } from './events.js';
import {
  COURT_ORDERED_PROCESSES,
  MEDIATOR_CHOICES,
  PROPOSAL_ANSWERS,
  REMEDIES,
  SESSION_NOT_HELD_REASONS,
  STALL_REASONS,
} from './states.js';

/**
 * Concrete events worth trying in this context: for each type, payloads drawn from the
 * case itself (its open issues, its active sides and their parties). The machine accepts
 * an event type now when it accepts at least one of these; `enabledEvents` and
 * `allowedEvents` ask exactly that, and the model-based tests walk the chart with them.
 * Free-text fields (an outreach owner, a date, a new issue) get placeholders: the machine
 * checks their shape, not their value.
 */
export function candidateEvents(context: CaseContext, types: readonly EventType[] = EVENT_TYPES): CaseEvent[] {
  const open = issuesWith(context, 'OPEN').map((issue) => issue.id);
  const sides = activeSides(context);
  const events: CaseEvent[] = [];
  for (const type of types) {
    switch (type) {
      case 'RECORD_OUTCOME':
      case 'RECORD_ADR_OUTCOME':
        events.push(
          { type, outcome: 'SETTLED', agreedIssueIds: open },
          { type, outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: open.slice(0, 1) },
          { type, outcome: 'PARTIAL_AGREEMENT' },
          { type, outcome: 'NO_AGREEMENT' },
        );
        break;
      case 'RECORD_SESSION_NOT_HELD':
        events.push(...SESSION_NOT_HELD_REASONS.map((reason) => ({ type, reason })));
        break;
      case 'ADD_ISSUE': {
        let n = context.issues.length + 1;
        while (context.issues.some((issue) => issue.id === `issue-${n}`)) n += 1;
        events.push({ type, issueId: `issue-${n}`, label: 'New issue' });
        break;
      }
      case 'AGREE_ISSUES':
        events.push(...open.map((id) => ({ type, issueIds: [id] })));
        break;
      case 'WITHDRAW_ISSUE':
      case 'DECIDE_ISSUE':
        events.push(...open.map((issueId) => ({ type, issueId })));
        break;
      case 'RECORD_STALL_REASON':
        events.push(...STALL_REASONS.map((reason) => ({ type, reason })));
        break;
      case 'RECORD_REMEDY':
        events.push(...REMEDIES.map((remedy) => ({ type, remedy })));
        break;
      case 'ASSIGN_OUTREACH_OWNER':
        events.push({ type, ownerId: 'outreach-owner', touchpointDate: '2000-01-01' });
        break;
      case 'REMEDIATE':
        events.push(...MEDIATOR_CHOICES.map((mediator) => ({ type, mediator })));
        break;
      case 'START_ARBITRATION':
        events.push({ type, binding: true }, { type, binding: false });
        break;
      case 'ORDER_ADR':
        events.push(...COURT_ORDERED_PROCESSES.map((process) => ({ type, process })));
        break;
      case 'RECORD_SETTLEMENT':
        events.push({ type, agreedIssueIds: open });
        break;
      case 'ANSWER_PROPOSAL':
        events.push(...sides.flatMap((side) => PROPOSAL_ANSWERS.map((answer) => ({ type, sideId: side.id, answer }))));
        break;
      case 'STIPULATE_ARBITRATION':
      case 'ACCEPT_AWARD':
      case 'REJECT_AWARD':
      case 'WITHDRAW_SIDE':
        events.push(...sides.map((side) => ({ type, sideId: side.id })));
        break;
      case 'SIGN_AGREEMENT':
      case 'SIGN_AGREEMENT_FOR_CLIENT': {
        // The text as recorded now; the signer of a signature for a client is its sender (a placeholder here).
        const digest = pendingAgreement(context)?.text?.digest ?? 'unrecorded';
        for (const side of sides) {
          for (const partyId of side.partyIds) {
            events.push(
              type === 'SIGN_AGREEMENT'
                ? { type, sideId: side.id, partyId, digest }
                : { type, sideId: side.id, partyId, signerId: ANY_SIGNER, digest },
            );
          }
        }
        break;
      }
      case 'RECORD_AGREEMENT_TEXT':
        events.push({ type, digest: 'text', complete: true });
        break;
      default:
        events.push({ type } as CaseEvent);
    }
  }
  return events;
}
