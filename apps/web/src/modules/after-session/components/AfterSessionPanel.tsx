import { useState } from 'react';
import type { CaseEventInput } from '../../../generated/schema';
import { EventForm, useEventFormId } from '../../cases/components/EventForm';
import type { CaseDetail } from '../../cases/graphql/case';
import { useTransitionCase } from '../../cases/hooks/useTransitionCase';
import { buildEventInput, eventForm, type EventForm as EventFormSpec } from '../../cases/lib/eventForm';
import { eventDescription, eventLabel } from '../../cases/lib/events';
import { formatInZone } from '../../deadlines/lib/calendar';
import { ErrorAlert } from '../../ui/components/Feedback';
import { VisibleTo } from '../../ui/components/VisibleTo';
import { formatRelativeDays, timeZone } from '../../ui/lib/format';

type DebriefCase = Pick<
  CaseDetail,
  'id' | 'version' | 'allowedEvents' | 'sides' | 'participants' | 'issues' | 'myRoles' | 'debrief'
>;

/**
 * The statechart events a debrief is made of. Which of them the viewer may send now comes from
 * `allowedEvents` alone; this list only says which belong in this panel.
 */
export const DEBRIEF_EVENTS = ['RECORD_STALL_REASON', 'RECORD_REMEDY', 'ASSIGN_OUTREACH_OWNER'] as const;

/** A form of one required choice and nothing else: it can be a row of buttons that send at once. */
function quickChoices(form: EventFormSpec | null) {
  if (!form || form.blocked) return null;
  const field = form.choice ?? (form.fields.length === 1 ? form.fields[0] : undefined);
  if (!field || !field.required || form.fields.some((f) => f !== field && f.required)) return null;
  const widget = field.widget;
  if (widget.type !== 'select' && widget.type !== 'choice') return null;
  return { field, options: widget.options };
}

/**
 * "After the session": the 48-hour debrief for mediator and counsel. When it is due (in the
 * viewer's zone, zone shown), whether it is overdue, what is still missing (the api's words),
 * and the debrief's own steps as quick buttons, built from the schema and offered only when
 * they are in `allowedEvents`.
 */
export function AfterSessionPanel({
  item,
  counselSideId,
  busy,
  onChanged,
}: {
  item: DebriefCase;
  /** The side whose private workspace the viewer may open (counsel), else null. */
  counselSideId: string | null;
  busy: boolean;
  onChanged(): void;
}) {
  const debrief = item.debrief;
  const { send, sending, error, clearError } = useTransitionCase(item.id, item.version);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const formId = useEventFormId();
  if (!debrief) return null;
  const zone = timeZone();
  const steps = DEBRIEF_EVENTS.filter((event) => item.allowedEvents.includes(event));
  const disabled = sending || busy;

  async function sendEvent(input: CaseEventInput, what: string) {
    setDone('');
    const ok = await send(input);
    if (ok) {
      setOpen(null);
      setDone(`Recorded: ${what}.`);
      onChanged();
    }
  }

  return (
    <section className="panel panel--after" aria-labelledby="after-session-heading" data-testid="after-session">
      <div className="panel__head">
        <h2 className="panel__title" id="after-session-heading">
          After the session
        </h2>
        {debrief.completedAt ? (
          <span className="status status--agreed" data-testid="debrief-status">
            <span aria-hidden="true">✓ </span>Debrief complete
          </span>
        ) : debrief.overdue ? (
          <span className="status status--overdue" data-testid="debrief-status">
            <span aria-hidden="true">! </span>Overdue
          </span>
        ) : null}
      </div>
      <VisibleTo>Visible to: the mediator and every side’s counsel and parties</VisibleTo>
      <p className="after__due">
        Debrief due <time dateTime={debrief.dueAt}>{formatInZone(debrief.dueAt, zone)}</time>{' '}
        <span className="muted">
          ({formatRelativeDays(debrief.dueAt)}; times in {zone})
        </span>
      </p>
      {debrief.missing.length > 0 ? (
        <div className="after__missing">
          <p className="after__label" id="debrief-missing-heading">
            Still missing
          </p>
          <ul aria-labelledby="debrief-missing-heading" data-testid="debrief-missing">
            {debrief.missing.map((gap) => (
              <li key={gap}>{gap}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">Nothing is missing from the shared debrief.</p>
      )}
      {steps.map((event) => {
        const form = eventForm(event, item);
        const quick = quickChoices(form);
        const headingId = `${formId}-${event}`;
        if (quick && form) {
          return (
            <div key={event} className="after__quick" role="group" aria-labelledby={headingId} data-event={event}>
              <p className="after__label" id={headingId}>
                {eventLabel(event)}
                {eventDescription(event) ? <span className="muted"> · {eventDescription(event)}</span> : null}
              </p>
              <div className="after__buttons">
                {quick.options.map((option) => (
                  <button
                    key={option.value}
                    type="button"
                    className="button button--small"
                    disabled={disabled}
                    onClick={() => {
                      const built = buildEventInput(form, { [quick.field.name]: option.value }, form.choice ? option.value : undefined);
                      if (built.ok) void sendEvent(built.input, option.label);
                    }}
                  >
                    {option.label}
                  </button>
                ))}
              </div>
            </div>
          );
        }
        if (!form) return null;
        const expanded = open === event;
        return (
          <div key={event} className="after__quick" data-event={event}>
            <button
              type="button"
              className="button"
              aria-expanded={expanded}
              aria-controls={expanded ? `${formId}-form` : undefined}
              disabled={disabled}
              onClick={() => {
                clearError();
                setOpen(expanded ? null : event);
              }}
            >
              {event === 'ASSIGN_OUTREACH_OWNER' ? 'Name the owner of the next outreach' : `${eventLabel(event)}…`}
            </button>
            {expanded ? (
              <EventForm
                id={`${formId}-form`}
                form={form}
                ctx={item}
                disabled={disabled}
                onSend={(input) => void sendEvent(input, eventLabel(event).toLowerCase())}
                onCancel={() => setOpen(null)}
              />
            ) : null}
          </div>
        );
      })}
      <p className="after__private">
        {counselSideId ? (
          <>
            Your side’s best offer, dealbreakers and BATNA sheet go in{' '}
            <a href="#my-side-heading">your side’s private workspace</a> (visible to your side only).
          </>
        ) : (
          <>Each side records its best offer and BATNA in its own private workspace; you see only what a side shares with you.</>
        )}
      </p>
      {error ? <ErrorAlert title="That was not recorded" message={error.message} /> : null}
      <p className="panel__status" role="status">
        {sending ? 'Saving…' : done}
      </p>
    </section>
  );
}
