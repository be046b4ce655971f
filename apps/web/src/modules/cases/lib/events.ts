import {
  CASE_EVENT_INPUT_FIELDS,
  type CaseEventInput,
} from '../../../generated/schema';
import { sentenceCase, words } from '../../ui/lib/humanise';

/** An event name as a button label: `SCHEDULE_MEDIATION` → "Schedule mediation". */
export function eventLabel(event: string): string {
  return sentenceCase(event);
}

/** The CaseEventInput field of an event: `SCHEDULE_MEDIATION` → `scheduleMediation`. */
export function eventInputField(event: string): string {
  const [first = '', ...rest] = words(event);
  return first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** How the dashboard can send an event, read from the api's schema (see src/generated). */
export type EventSending =
  /** The event takes `true`: send `input` as it is. */
  | { kind: 'direct'; input: CaseEventInput }
  /** The event needs a payload of the named input type: ask for it first. */
  | { kind: 'payload'; field: keyof CaseEventInput; inputType: string }
  /** The dashboard cannot send it yet; `reason` says why, for the button's title. */
  | { kind: 'unavailable'; reason: string };

/** Input types the dashboard has a form for. Every other payload is "not available yet". */
export const PAYLOAD_FORMS = new Set(['RecordOutcomeInput']);

export function eventSending(event: string): EventSending {
  const field = eventInputField(event);
  const spec = (CASE_EVENT_INPUT_FIELDS as Readonly<Record<string, (typeof CASE_EVENT_INPUT_FIELDS)[keyof CaseEventInput]>>)[
    field
  ];
  if (!spec) {
    return { kind: 'unavailable', reason: 'Not available yet: the dashboard cannot send this step.' };
  }
  if (spec.kind === 'BOOLEAN') {
    return { kind: 'direct', input: { [field]: true } as CaseEventInput };
  }
  if (PAYLOAD_FORMS.has(spec.type)) {
    return { kind: 'payload', field: field as keyof CaseEventInput, inputType: spec.type };
  }
  return { kind: 'unavailable', reason: 'Not available yet: this step needs details the dashboard cannot collect yet.' };
}
