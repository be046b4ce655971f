import { randomUUID } from 'node:crypto';
import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import {
  COURT_ORDERED_PROCESSES,
  EVENT_CATALOGUE,
  EVENT_TYPES,
  MEDIATION_OUTCOMES,
  MEDIATOR_CHOICES,
  PROPOSAL_ANSWERS,
  REMEDIES,
  SESSION_NOT_HELD_REASONS,
  STALL_REASONS,
  eventShapeProblems,
  type CaseEvent,
  type EventType,
  type PayloadField,
} from '@impasse/case-machine';
import { badInput } from '../../common/errors.js';
import { ValidatedByOwnChecker } from '../../common/validation.js';
import { LocalDateScalar } from '../../common/date-scalars.js';

/**
 * The event input of `transitionCase`, generated from the statechart's event catalogue so
 * that every event the machine knows is typed in the schema, and none is forgotten:
 *
 *   input CaseEventInput @oneOf { scheduleMediation: Boolean, recordOutcome: RecordOutcomeInput, … }
 *
 * An event without a payload takes `true`; an event with one takes `<Event>Input`. Fields
 * the server assigns (a new issue's id) are not in the input.
 */

/** Named GraphQL enums for the catalogue's value lists. */
const ENUMS: [readonly string[], string][] = [
  [MEDIATION_OUTCOMES, 'MediationOutcome'],
  [SESSION_NOT_HELD_REASONS, 'SessionNotHeldReason'],
  [STALL_REASONS, 'StallReason'],
  [REMEDIES, 'Remedy'],
  [MEDIATOR_CHOICES, 'MediatorChoice'],
  [COURT_ORDERED_PROCESSES, 'CourtOrderedProcess'],
  [PROPOSAL_ANSWERS, 'ProposalAnswer'],
];

/**
 * Events that are not fields of `CaseEventInput`: the api's own (internal, from its tables)
 * and the signatures, which go through `signAgreement` (it shows the exact text and asks for
 * the password again, and the server fills in who signs).
 */
export const NOT_IN_EVENT_INPUT: ReadonlySet<EventType> = new Set([
  ...EVENT_TYPES.filter((type) => EVENT_CATALOGUE[type].internal),
  'SIGN_AGREEMENT',
  'SIGN_AGREEMENT_FOR_CLIENT',
]);
const INPUT_TYPES = EVENT_TYPES.filter((type) => !NOT_IN_EVENT_INPUT.has(type));

/** Payload fields the server fills in, per event. */
const SERVER_ASSIGNED: Partial<Record<EventType, readonly string[]>> = {
  ADD_ISSUE: ['issueId'],
};

const enumObjects = new Map<readonly string[], object>();
function enumFor(values: readonly string[], fallbackName: string): object {
  const known = ENUMS.find(([list]) => list === values || sameValues(list, values));
  const key = known?.[0] ?? values;
  let object = enumObjects.get(key);
  if (!object) {
    object = Object.fromEntries(values.map((v) => [v, v]));
    registerEnumType(object, { name: known?.[1] ?? fallbackName });
    enumObjects.set(key, object);
  }
  return object;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export const camel = (type: string) => type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const pascal = (type: string) => camel(type).replace(/^./, (c) => c.toUpperCase());

function graphqlType(type: EventType, field: PayloadField): () => unknown {
  switch (field.kind) {
    case 'STRING':
      return () => String;
    case 'DATE':
      return () => LocalDateScalar;
    case 'STRING_LIST':
      return () => [String];
    case 'BOOLEAN':
      return () => Boolean;
    case 'ENUM': {
      const object = enumFor(field.values ?? [], `${pascal(type)}${pascal(field.name)}`);
      return () => object;
    }
  }
}

export const payloadFields = (type: EventType): PayloadField[] =>
  EVENT_CATALOGUE[type].payload.filter((f) => !(SERVER_ASSIGNED[type] ?? []).includes(f.name));

@InputType({ isOneOf: true, description: 'Set exactly one field: the statechart event to send, with its payload.' })
// Shapes are checked by the statechart package's own validator in toMachineEvent.
@ValidatedByOwnChecker()
export class CaseEventInput {
  [field: string]: unknown;
}

for (const type of INPUT_TYPES) {
  const { description } = EVENT_CATALOGUE[type];
  const fields = payloadFields(type);
  const name = camel(type);
  if (fields.length === 0) {
    Field(() => Boolean, { nullable: true, description: `${description} (send true)` })(CaseEventInput.prototype, name);
  } else {
    const payloadClass = { [`${pascal(type)}Input`]: class {} }[`${pascal(type)}Input`]!;
    for (const field of fields) {
      Field(graphqlType(type, field) as never, { nullable: !field.required, description: field.description })(payloadClass.prototype, field.name);
    }
    InputType(`${pascal(type)}Input`, { description })(payloadClass);
    Field(() => payloadClass, { nullable: true, description })(CaseEventInput.prototype, name);
  }
}

/**
 * Turns the GraphQL input into the machine's event, checking its shape with the statechart
 * package's validator; problems come back as BAD_USER_INPUT naming the field.
 */
/** The input field of each event type (`SCHEDULE_MEDIATION` → `scheduleMediation`), worked out once. */
const FIELD_OF: ReadonlyMap<EventType, string> = new Map(INPUT_TYPES.map((type) => [type, camel(type)]));

export function toMachineEvent(input: CaseEventInput): CaseEvent {
  const set = INPUT_TYPES.filter((type) => input[FIELD_OF.get(type)!] != null);
  if (set.length !== 1) throw badInput('event', 'set exactly one event field');
  const type = set[0]!;
  const field = FIELD_OF.get(type)!;
  const value = input[field];
  if (payloadFields(type).length === 0) {
    if (value !== true) throw badInput(`event.${field}`, 'send true to send this event');
    return { type } as CaseEvent;
  }
  const payload: Record<string, unknown> = { ...(value as object) };
  for (const [key, item] of Object.entries(payload)) if (item === null) delete payload[key];
  if (type === 'ADD_ISSUE') payload.issueId = randomUUID();
  const candidate = { type, ...payload };
  const problems = eventShapeProblems(candidate);
  if (problems.length > 0) throw badInput(`event.${field}`, problems.join('; '));
  return candidate as CaseEvent;
}

/**
 * What goes on the timeline: the case-shared fields of the event, never a confidential or
 * sealed payload (those are mediation communications, UMA §4–6).
 */
export function summarise(event: { type: string } & Record<string, unknown>): { payload: Record<string, unknown>; summary: string } {
  const spec = EVENT_CATALOGUE[event.type as EventType];
  const title = event.type.charAt(0) + event.type.slice(1).replaceAll('_', ' ').toLowerCase();
  if (!spec || spec.confidential || spec.sealed) return { payload: {}, summary: title };
  const payload = Object.fromEntries(spec.payload.filter((f) => event[f.name] !== undefined).map((f) => [f.name, event[f.name]]));
  switch (event.type) {
    case 'SCHEDULE_MEDIATION':
      return { payload, summary: 'Mediation scheduled' };
    case 'START_SESSION':
      return { payload, summary: 'Mediation session started' };
    case 'RECORD_OUTCOME':
      return { payload, summary: `Outcome recorded: ${String(event.outcome).replaceAll('_', ' ').toLowerCase()}` };
    case 'RECORD_AGREEMENT_TEXT':
      return { payload, summary: 'Agreement text recorded: a signature binds exactly this text' };
    case 'SIGN_AGREEMENT':
      return { payload, summary: 'Agreement signed by a party' };
    case 'SIGN_AGREEMENT_FOR_CLIENT':
      return { payload, summary: 'Agreement signed by counsel for a party' };
    default:
      return { payload, summary: title };
  }
}
