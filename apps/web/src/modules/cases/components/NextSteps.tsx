import { useRef, useState } from 'react';
import type { CaseEventInput } from '../../../generated/schema';
import { ErrorAlert } from '../../ui/components/Feedback';
import type { CaseDetail } from '../graphql/case';
import { useTransitionCase } from '../hooks/useTransitionCase';
import { eventForm } from '../lib/eventForm';
import { eventLabel, eventSending, NOT_SENT_AS_EVENTS } from '../lib/events';
import { EventForm, useEventFormId } from './EventForm';

type NextStepsCase = Pick<
  CaseDetail,
  'id' | 'version' | 'allowedEvents' | 'state' | 'sides' | 'participants' | 'issues' | 'myRoles'
>;

/**
 * One button per entry of the case's `allowedEvents` (signatures aside: the agreement offers them), exactly: the api decides what this
 * viewer may do now. A step without a payload is sent at once; a step with one opens its
 * small form, built from the schema (EventForm). What the api refuses is shown in an alert
 * with its own message; a version conflict offers Reload.
 */
export function NextSteps({
  item,
  busy,
  onChanged,
  onReload,
}: {
  item: NextStepsCase;
  /** The page is refreshing the case: hold the buttons until the new version is in. */
  busy: boolean;
  onChanged(): void;
  onReload(): void;
}) {
  const { send, sending, error, clearError } = useTransitionCase(item.id, item.version);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const formId = useEventFormId();
  const disabled = sending || busy;

  async function sendEvent(event: string, input: CaseEventInput) {
    setDone(null);
    const ok = await send(input);
    if (ok) {
      setOpen(null);
      setDone(eventLabel(event));
      onChanged();
    }
  }

  function close() {
    const event = open;
    setOpen(null);
    clearError();
    if (event) buttons.current.get(event)?.focus();
  }

  const form = open && item.allowedEvents.includes(open) ? eventForm(open, item) : null;
  // Signing happens in the written agreement, where the text is shown and the password asked.
  const events = item.allowedEvents.filter((event) => !NOT_SENT_AS_EVENTS.has(event));

  return (
    <section className="panel panel--steps" aria-labelledby="next-steps-heading">
      <h2 className="panel__title" id="next-steps-heading">
        Next steps
      </h2>
      {events.length === 0 ? (
        <p className="muted">
          {item.state.done
            ? 'This case is closed: nothing more can happen in it.'
            : 'Nothing for you to do right now. Other participants may have steps to take.'}
        </p>
      ) : (
        <ul className="actions">
          {events.map((event) => {
            const how = eventSending(event);
            const label = eventLabel(event);
            const ref = (el: HTMLButtonElement | null) => {
              buttons.current.set(event, el);
            };
            if (how.kind === 'unavailable') {
              return (
                <li key={event}>
                  <button ref={ref} type="button" className="button" disabled title={how.reason}>
                    {label}
                  </button>
                </li>
              );
            }
            if (how.kind === 'payload') {
              const expanded = open === event;
              return (
                <li key={event}>
                  <button
                    ref={ref}
                    type="button"
                    className="button button--primary"
                    aria-expanded={expanded}
                    aria-controls={expanded ? formId : undefined}
                    disabled={disabled}
                    onClick={() => {
                      clearError();
                      setDone(null);
                      setOpen(expanded ? null : event);
                    }}
                  >
                    {label}
                  </button>
                </li>
              );
            }
            return (
              <li key={event}>
                <button
                  ref={ref}
                  type="button"
                  className="button button--primary"
                  disabled={disabled}
                  onClick={() => {
                    setOpen(null);
                    void sendEvent(event, how.input);
                  }}
                >
                  {label}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {events.some((event) => eventSending(event).kind === 'unavailable') ? (
        <p className="panel__note">Dashed steps are open to you, but this dashboard cannot send them yet.</p>
      ) : null}
      {open && form ? (
        <EventForm
          key={open}
          id={formId}
          form={form}
          ctx={item}
          disabled={disabled}
          onSend={(input) => void sendEvent(open, input)}
          onCancel={close}
        />
      ) : null}
      {error ? (
        <ErrorAlert title={error.code === 'VERSION_CONFLICT' ? 'This case changed' : 'That step was not recorded'} message={error.message}>
          {error.code === 'VERSION_CONFLICT' ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                clearError();
                onReload();
              }}
            >
              Reload
            </button>
          ) : null}
        </ErrorAlert>
      ) : null}
      <p className="panel__status" role="status">
        {sending ? 'Saving…' : done ? `Done: ${done}.` : ''}
      </p>
    </section>
  );
}
