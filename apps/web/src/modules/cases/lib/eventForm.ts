import type { CaseEventInput, EventPayloadField } from '../../../generated/schema';
import { declaredOrder } from '../../ui/lib/order';
import { enumLabel, roleLabel } from '../../ui/lib/format';
import { sentenceCase } from '../../ui/lib/humanise';
import type { IssueView, MyRole, ParticipantView, SideView } from '../graphql/case';
import { eventDescription, eventSending } from './events';

/**
 * The inline form of an event with a payload, built from the schema's description of the
 * payload (src/generated/schema.ts), never from a list of events. How a field is asked for
 * depends on its kind and, for ids, on its name:
 *
 *   ENUM            a select with human labels; the one required ENUM of ≤ 4 values becomes
 *                   the form's buttons ("Settled", "Partial agreement", "No agreement")
 *   BOOLEAN         a checkbox                 DATE      <input type="date">
 *   sideId          the case's active sides, the viewer's own side first chosen
 *   partyId         the chosen side (the default: a side signs as itself) or its parties
 *   ownerId, …ParticipantId   the case's participants
 *   issueId         a select of the open issues;  …issueIds  a checkbox list of them
 */

/** What the form needs from the case. */
export interface EventFormContext {
  sides: readonly SideView[];
  participants: readonly ParticipantView[];
  issues: readonly IssueView[];
  myRoles: readonly MyRole[];
}

export interface Option {
  value: string;
  label: string;
}

export type Widget =
  | { type: 'text' }
  | { type: 'number' }
  | { type: 'date' }
  | { type: 'checkbox' }
  /** One value per line (a list of strings the form knows nothing more about). */
  | { type: 'lines' }
  | { type: 'select'; options: Option[]; placeholder: string }
  /** Options follow the chosen side: see `partyOptions`. */
  | { type: 'party' }
  | { type: 'checklist'; options: Option[] }
  /** Buttons that pick the value and send the event at once. */
  | { type: 'choice'; options: Option[] };

export interface FormField {
  name: string;
  label: string;
  /** The schema's description of the field, shown under it. */
  hint: string | null;
  required: boolean;
  kind: EventPayloadField['kind'];
  widget: Widget;
}

export interface EventForm {
  event: string;
  /** The CaseEventInput field the payload goes in, e.g. `recordStallReason`. */
  field: keyof CaseEventInput;
  fields: FormField[];
  /** The field picked by the form's buttons, if it has any (then there is no "Confirm"). */
  choice: FormField | null;
  /** Why the form cannot be sent now (a required choice has nothing to choose from). */
  blocked: string | null;
}

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

/**
 * How some payload fields read as labels. Spelling only, like humanise's word list: a field
 * missing here is labelled from its name (`touchpointDate` → "Touchpoint date").
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  outcome: 'How did the session end?',
  label: 'Label',
  reason: 'Reason',
  remedy: 'Remedy',
  ownerId: 'Owner of the next outreach',
  touchpointDate: 'Next touchpoint',
  sideId: 'Side',
  partyId: 'Signing party',
  answer: 'Your side’s answer',
  binding: 'Binding award',
  process: 'Ordered process',
  issueId: 'Issue',
  issueIds: 'Issues now agreed',
  agreedIssueIds: 'Issues agreed in this step',
};

/** `ownerId` → "Owner", `agreedIssueIds` → "Agreed issues", `touchpointDate` → "Touchpoint date". */
export function fieldLabel(name: string): string {
  const known = FIELD_LABELS[name];
  if (known) return known;
  if (name.endsWith('Ids')) return `${sentenceCase(name.slice(0, -3))}s`;
  if (name.endsWith('Id')) return sentenceCase(name.slice(0, -2));
  return sentenceCase(name);
}

/** The side a counsel or party acts for, from their roles: the first side they are on. */
export function viewerSide(myRoles: readonly MyRole[]): string | null {
  return myRoles.find((r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId)?.sideId ?? null;
}

function sideOptions(ctx: EventFormContext): Option[] {
  const mine = new Set(ctx.myRoles.map((r) => r.sideId).filter(Boolean));
  return ctx.sides
    .filter((side) => !side.status || side.status === 'ACTIVE')
    .map((side) => ({ value: side.id, label: mine.has(side.id) ? `${side.label} (your side)` : side.label }));
}

function participantOptions(ctx: EventFormContext): Option[] {
  return ctx.participants.map((p) => {
    const side = p.sideId ? ctx.sides.find((s) => s.id === p.sideId) : undefined;
    return { value: p.id, label: `${p.name} · ${roleLabel(p.role)}${side ? ` for ${side.label}` : ''}` };
  });
}

function openIssueOptions(ctx: EventFormContext): Option[] {
  return ctx.issues.filter((issue) => issue.status === 'OPEN').map((issue) => ({ value: issue.id, label: issue.label }));
}

/** Who can sign for a side: the side itself (value '', the default) or one of its parties. */
export function partyOptions(ctx: EventFormContext, sideId: string): Option[] {
  const side = ctx.sides.find((s) => s.id === sideId);
  const parties = ctx.participants.filter((p) => p.role === 'PARTY' && p.sideId === sideId);
  return [
    { value: '', label: side ? `${side.label}, as a side` : 'The chosen side' },
    ...parties.map((p) => ({ value: p.id, label: p.name })),
  ];
}

function enumOptions(values: readonly string[]): Option[] {
  return declaredOrder(values).map((value) => ({ value, label: enumLabel(value) }));
}

function widgetFor(field: EventPayloadField, ctx: EventFormContext): Widget {
  const placeholder = field.required ? 'Choose…' : 'Not set';
  const { name, kind } = field;
  if (kind === 'STRING' && name === 'sideId') return { type: 'select', options: sideOptions(ctx), placeholder: 'Choose a side…' };
  if (kind === 'STRING' && name === 'partyId') return { type: 'party' };
  if (kind === 'STRING' && (name === 'ownerId' || name.endsWith('ParticipantId'))) {
    return { type: 'select', options: participantOptions(ctx), placeholder: 'Choose a person…' };
  }
  if (kind === 'STRING' && name === 'issueId') return { type: 'select', options: openIssueOptions(ctx), placeholder: 'Choose an issue…' };
  if (kind === 'STRING_LIST' && /issueIds$/i.test(name)) return { type: 'checklist', options: openIssueOptions(ctx) };
  switch (kind) {
    case 'ENUM':
      return { type: 'select', options: enumOptions(field.values ?? []), placeholder };
    case 'ENUM_LIST':
      return { type: 'checklist', options: enumOptions(field.values ?? []) };
    case 'BOOLEAN':
      return { type: 'checkbox' };
    case 'DATE':
      return { type: 'date' };
    case 'NUMBER':
      return { type: 'number' };
    case 'STRING_LIST':
      return { type: 'lines' };
    default:
      return { type: 'text' };
  }
}

/** True for a select or checklist that has nothing to offer. */
function hasNoOptions(widget: Widget): boolean {
  return (widget.type === 'select' || widget.type === 'checklist') && widget.options.length === 0;
}

/** The form of an event, or null when the event takes no payload (or cannot be sent). */
export function eventForm(event: string, ctx: EventFormContext): EventForm | null {
  const how = eventSending(event);
  if (how.kind !== 'payload') return null;
  const all: FormField[] = how.fields
    .filter((f) => f.kind !== 'OTHER')
    .map((f) => ({
      name: f.name,
      label: fieldLabel(f.name),
      hint: f.description,
      required: f.required,
      kind: f.kind,
      widget: widgetFor(f, ctx),
    }));
  const smallEnums = all.filter((f) => f.required && f.kind === 'ENUM' && f.widget.type === 'select' && f.widget.options.length <= 4);
  let choice: FormField | null = null;
  if (smallEnums.length === 1) {
    const only = smallEnums[0]!;
    choice = { ...only, widget: { type: 'choice', options: only.widget.type === 'select' ? only.widget.options : [] } };
  }
  // An optional list with nothing in it (no open issue to agree on) is left out altogether.
  const fields = all.filter((f) => f !== smallEnums[0] || !choice).filter((f) => f.required || !hasNoOptions(f.widget));
  const empty = fields.find((f) => f.required && hasNoOptions(f.widget));
  const blocked = empty
    ? empty.widget.type === 'checklist' || empty.name.toLowerCase().includes('issue')
      ? 'There is no open issue to choose from.'
      : `There is nothing to choose as “${empty.label}”.`
    : null;
  return { event, field: how.field, fields, choice, blocked };
}

/** The form's starting values: the viewer's own side, unticked boxes, empty fields. */
export function initialValues(form: EventForm, ctx: EventFormContext): FormValues {
  const values: FormValues = {};
  const mySide = viewerSide(ctx.myRoles);
  for (const field of form.fields) {
    switch (field.widget.type) {
      case 'checkbox':
        values[field.name] = false;
        break;
      case 'checklist':
        values[field.name] = [];
        break;
      case 'select':
        values[field.name] =
          field.name === 'sideId' && mySide && field.widget.options.some((o) => o.value === mySide) ? mySide : '';
        break;
      default:
        values[field.name] = '';
    }
  }
  return values;
}

export type BuildResult =
  | { ok: true; input: CaseEventInput }
  | { ok: false; problems: Record<string, string> };

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The CaseEventInput the form's values make, e.g. `{ recordStallReason: { reason: 'TIMING' } }`,
 * or, per field, what is missing. Empty optional fields are left out; a party left at its
 * default signs as the chosen side.
 */
export function buildEventInput(form: EventForm, values: FormValues, choice?: string): BuildResult {
  const payload: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    switch (field.widget.type) {
      case 'checkbox':
        payload[field.name] = value === true;
        break;
      case 'checklist':
      case 'lines': {
        const list = Array.isArray(value)
          ? value
          : String(value ?? '')
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean);
        if (list.length > 0) payload[field.name] = list;
        else if (field.required) problems[field.name] = field.widget.type === 'checklist' ? 'Choose at least one.' : `Enter the ${lower(field.label)}.`;
        break;
      }
      case 'number': {
        const text = String(value ?? '').trim();
        if (text === '') {
          if (field.required) problems[field.name] = `Enter the ${lower(field.label)}.`;
        } else if (Number.isFinite(Number(text))) payload[field.name] = Number(text);
        else problems[field.name] = 'Enter a number.';
        break;
      }
      case 'date': {
        const text = String(value ?? '').trim();
        if (text === '') {
          if (field.required) problems[field.name] = `Enter the ${lower(field.label)} date.`;
        } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) payload[field.name] = text;
        else problems[field.name] = 'Enter a date as YYYY-MM-DD.';
        break;
      }
      case 'party': {
        const party = String(value ?? '').trim() || String(values.sideId ?? '').trim();
        if (party) payload[field.name] = party;
        else if (field.required) problems[field.name] = 'Choose the side first.';
        break;
      }
      default: {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text) payload[field.name] = text;
        else if (field.required) {
          problems[field.name] = field.widget.type === 'select' ? `Choose the ${lower(field.label)}.` : `Enter the ${lower(field.label)}.`;
        }
      }
    }
  }
  if (form.choice) {
    if (choice && form.choice.widget.type === 'choice' && form.choice.widget.options.some((o) => o.value === choice)) {
      payload[form.choice.name] = choice;
    } else {
      problems[form.choice.name] = 'Choose one of the buttons.';
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, input: { [form.field]: payload } as CaseEventInput };
}

/**
 * The event's description from the schema, with the enum values of its own fields in words:
 * "SETTLED needs no open issue left" → "“Settled” needs no open issue left".
 */
export function formDescription(form: EventForm): string | null {
  const text = eventDescription(form.event);
  if (!text) return null;
  const labels = new Map<string, string>();
  for (const field of [...form.fields, ...(form.choice ? [form.choice] : [])]) {
    const widget = field.widget;
    if (widget.type === 'select' || widget.type === 'choice' || widget.type === 'checklist') {
      for (const option of widget.options) if (/^[A-Z][A-Z0-9_]+$/.test(option.value)) labels.set(option.value, option.label);
    }
  }
  return text.replace(/\b[A-Z][A-Z0-9_]+\b/g, (word) => (labels.has(word) ? `“${labels.get(word)}”` : word));
}
