import { useState } from 'react';
import type { CaseEventInput } from '../../../generated/schema';
import { ErrorAlert } from '../../ui/components/Feedback';
import type { CaseSummary } from '../graphql/case';
import { useTransitionCase } from '../hooks/useTransitionCase';
import { eventLabel, eventSending } from '../lib/events';
import { OutcomeChoice } from './OutcomeChoice';

/**
 * One button per entry of the case's `allowedEvents`, exactly: the api decides what this
 * viewer may do now. Events with a payload ask for it inline; events whose payload the
 * dashboard cannot collect yet show disabled, with the reason in their title.
 */
export function NextSteps({
  item,
  busy,
  onChanged,
  onReload,
}: {
  item: Pick<CaseSummary, 'id' | 'version' | 'allowedEvents' | 'state'>;
  /** The page is refreshing the case: hold the buttons until the new version is in. */
  busy: boolean;
  onChanged(): void;
  onReload(): void;
}) {
  const { send, sending, error, clearError } = useTransitionCase(item.id, item.version);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
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

  return (
    <section className="panel panel--steps" aria-labelledby="next-steps-heading">
      <h2 className="panel__title" id="next-steps-heading">
        Next steps
      </h2>
      {item.allowedEvents.length === 0 ? (
        <p className="muted">
          {item.state.done
            ? 'This case is closed: nothing more can happen in it.'
            : 'Nothing for you to do right now. Other participants may have steps to take.'}
        </p>
      ) : (
        <ul className="actions">
          {item.allowedEvents.map((event) => {
            const how = eventSending(event);
            const label = eventLabel(event);
            if (how.kind === 'unavailable') {
              return (
                <li key={event}>
                  <button type="button" className="button" disabled title={how.reason}>
                    {label}
                  </button>
                </li>
              );
            }
            if (how.kind === 'payload') {
              return (
                <li key={event}>
                  <button
                    type="button"
                    className="button button--primary"
                    aria-expanded={open === event}
                    disabled={disabled}
                    onClick={() => {
                      clearError();
                      setOpen(open === event ? null : event);
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
                  type="button"
                  className="button button--primary"
                  disabled={disabled}
                  onClick={() => sendEvent(event, how.input)}
                >
                  {label}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {item.allowedEvents.some((event) => eventSending(event).kind === 'unavailable') ? (
        <p className="panel__note">
          Dashed steps are open to you, but need details this dashboard cannot collect yet.
        </p>
      ) : null}
      {open && eventSending(open).kind === 'payload' && item.allowedEvents.includes(open) ? (
        <PayloadForm event={open} disabled={disabled} onSend={(input) => sendEvent(open, input)} onCancel={() => setOpen(null)} />
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

/** The inline form for an event's payload; one per input type the dashboard knows. */
function PayloadForm({
  event,
  disabled,
  onSend,
  onCancel,
}: {
  event: string;
  disabled: boolean;
  onSend(input: CaseEventInput): void;
  onCancel(): void;
}) {
  const how = eventSending(event);
  if (how.kind !== 'payload') return null;
  switch (how.inputType) {
    case 'RecordOutcomeInput':
      return (
        <OutcomeChoice
          disabled={disabled}
          onChoose={(outcome) => onSend({ [how.field]: { outcome } } as CaseEventInput)}
          onCancel={onCancel}
        />
      );
    default:
      return null;
  }
}
