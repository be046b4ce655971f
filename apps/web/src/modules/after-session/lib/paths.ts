import type { CaseEventInput } from '../../../generated/schema';
import { eventSending } from '../../cases/lib/events';
import type { PathEventView } from '../../cases/graphql/case';

/**
 * The CaseEventInput a recommended path sends, read from the schema's description of the
 * event: `{ remediate: { mediator: 'NEW' } }`, `{ startNegotiation: true }`. Null when the
 * dashboard cannot build it (an unknown event, a required field the path does not give).
 */
export function pathEventInput(event: PathEventView): CaseEventInput | null {
  const how = eventSending(event.type);
  if (how.kind === 'direct') return how.input;
  if (how.kind !== 'payload') return null;
  const given = event as unknown as Record<string, unknown>;
  const payload: Record<string, unknown> = {};
  for (const field of how.fields) {
    const value = given[field.name];
    if (value !== null && value !== undefined) payload[field.name] = value;
    else if (field.required) return null;
  }
  return { [how.field]: payload } as CaseEventInput;
}
