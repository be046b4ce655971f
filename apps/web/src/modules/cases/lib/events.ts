import {
  CASE_EVENT_INPUT_FIELDS,
  type CaseEventInput,
  type CaseEventInputField,
  type EventPayloadField,
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

/** The schema's entry for an event (read from src/generated/schema.ts), if the web knows it. */
export function eventSpec(event: string): CaseEventInputField | undefined {
  return (CASE_EVENT_INPUT_FIELDS as Readonly<Record<string, CaseEventInputField>>)[eventInputField(event)];
}

/** How the dashboard can send an event, read from the api's schema (see src/generated). */
export type EventSending =
  /** The event takes `true`: send `input` as it is. */
  | { kind: 'direct'; input: CaseEventInput }
  /** The event needs a payload of the named input type: ask for `fields` first. */
  | { kind: 'payload'; field: keyof CaseEventInput; inputType: string; fields: readonly EventPayloadField[] }
  /** The dashboard cannot send it; `reason` says why, for the button's title. */
  | { kind: 'unavailable'; reason: string };

/**
 * Events the api names that are not sent through `transitionCase`: signatures go through
 * `signAgreement` in the Written agreements panel (the text shown, the password asked), and
 * the api's own record of the agreement's text is sent by nobody.
 */
export const NOT_SENT_AS_EVENTS: ReadonlySet<string> = new Set(['SIGN_AGREEMENT', 'SIGN_AGREEMENT_FOR_CLIENT', 'RECORD_AGREEMENT_TEXT']);

export function eventSending(event: string): EventSending {
  const spec = eventSpec(event);
  const field = eventInputField(event) as keyof CaseEventInput;
  if (!spec) {
    return { kind: 'unavailable', reason: 'Not available yet: this dashboard is older than the server. Reload the page.' };
  }
  if (spec.kind === 'BOOLEAN') return { kind: 'direct', input: { [field]: true } as CaseEventInput };
  if (spec.fields.some((f) => f.kind === 'OTHER' && f.required)) {
    return { kind: 'unavailable', reason: 'Not available yet: this step needs details the dashboard cannot collect yet.' };
  }
  return { kind: 'payload', field, inputType: spec.type, fields: spec.fields };
}

/** What an event does, in the schema's words ("Name why the session stalled."). */
export function eventDescription(event: string): string | null {
  return eventSpec(event)?.description ?? null;
}
