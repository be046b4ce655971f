import { VisibleTo } from '../../ui/components/VisibleTo';
import { useState, type FormEvent } from 'react';
import { SESSION_FORMATS, type SessionFormat } from '../../../generated/schema';
import { EmptyState, FieldProblem } from '../../ui/components/Feedback';
import { EnumSelectField, InlineFormEnd } from '../../ui/components/InlineForm';
import { enumLabel, formatDateTime, fromLocalInputValue, timeZone, toLocalInputValue } from '../../ui/lib/format';
import { declaredOrder } from '../../ui/lib/order';
import type { CaseDetail, SessionView } from '../graphql/case';
import { RecordAttendanceMutation, ScheduleSessionMutation, UpdateSessionMutation } from '../graphql/records';
import { useCaseEdit } from '../hooks/useCaseEdit';
import { offers } from '../lib/editing';
import { participantLabel } from './DeadlinesPanel';

type SessionsCase = Pick<CaseDetail, 'id' | 'sessions' | 'participants' | 'sides' | 'allowedEdits'>;

const FORMATS = declaredOrder(SESSION_FORMATS);

/**
 * The mediation sessions, earliest first: when, in what format, how each ended, and who
 * attended with authority to settle (the fact a court report may carry, UMA §7). The
 * mediator schedules, moves and records attendance; the api enforces it.
 */
export function SessionsPanel({ item, onChanged }: { item: SessionsCase; onChanged(): void }) {
  const [open, setOpen] = useState<{ session: string | null; what: 'schedule' | 'edit' | 'attendance' } | null>(null);
  const [status, setStatus] = useState('');
  const canEdit = offers(item, 'SESSIONS');
  const sessions = [...item.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const close = (message: string) => {
    setOpen(null);
    setStatus(message);
  };
  const isOpen = (session: string | null, what: 'schedule' | 'edit' | 'attendance') => open?.session === session && open.what === what;
  const toggle = (session: string | null, what: 'schedule' | 'edit' | 'attendance') => {
    setStatus('');
    setOpen(isOpen(session, what) ? null : { session, what });
  };

  return (
    <section className="panel" aria-labelledby="sessions-heading" data-testid="sessions">
      <div className="panel__head">
        <h2 className="panel__title" id="sessions-heading">
          Sessions
        </h2>
      <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
        <p className="panel__summary">Times in {timeZone()}</p>
      </div>
      {sessions.length === 0 ? (
        <EmptyState title="No sessions on the calendar">
          {canEdit ? 'Put the mediation session on the calendar with “Schedule a session”.' : 'The mediator puts sessions on the calendar.'}
        </EmptyState>
      ) : (
        <ul className="records">
          {sessions.map((session) => (
            <li key={session.id} className="record session" data-testid="session" data-session-id={session.id}>
              <div className="record__row">
                <span className="record__title">
                  <time dateTime={session.startsAt}>{formatDateTime(session.startsAt)}</time>
                </span>
                <span className="badge">{enumLabel(session.format)}</span>
                <span className={`status status--${session.outcome ? session.outcome.toLowerCase().replaceAll('_', '-') : 'none'}`} data-testid="session-outcome">
                  {session.outcome ? enumLabel(session.outcome) : 'No outcome yet'}
                </span>
              </div>
              <Attendance session={session} />
              {canEdit ? (
                <div className="record__actions">
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    aria-expanded={isOpen(session.id, 'edit')}
                    aria-label={`Edit: session of ${formatDateTime(session.startsAt)}`}
                    onClick={() => toggle(session.id, 'edit')}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={isOpen(session.id, 'attendance')}
                    aria-label={`Record attendance: session of ${formatDateTime(session.startsAt)}`}
                    onClick={() => toggle(session.id, 'attendance')}
                  >
                    Record attendance
                  </button>
                </div>
              ) : null}
              {isOpen(session.id, 'edit') ? (
                <SessionForm caseId={item.id} session={session} onChanged={onChanged} onDone={() => close('Session saved.')} onCancel={() => setOpen(null)} />
              ) : null}
              {isOpen(session.id, 'attendance') ? (
                <AttendanceForm
                  caseItem={item}
                  session={session}
                  onChanged={onChanged}
                  onDone={() => close('Attendance saved.')}
                  onCancel={() => setOpen(null)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        isOpen(null, 'schedule') ? (
          <SessionForm caseId={item.id} session={null} onChanged={onChanged} onDone={() => close('Session scheduled.')} onCancel={() => setOpen(null)} />
        ) : (
          <p className="panel__foot">
            <button type="button" className="button" onClick={() => toggle(null, 'schedule')}>
              Schedule a session
            </button>
          </p>
        )
      ) : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}

function Attendance({ session }: { session: SessionView }) {
  if (session.attendance.length === 0) return <p className="record__meta muted">Attendance not recorded yet.</p>;
  return (
    <table className="mini-table">
      <caption className="visually-hidden">Attendance</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Attended</th>
          <th scope="col">Authority to settle</th>
        </tr>
      </thead>
      <tbody>
        {session.attendance.map((a) => (
          <tr key={a.participantId}>
            <th scope="row">{a.name}</th>
            <td>{a.attended ? 'Yes' : 'No'}</td>
            <td>{a.authorityToSettle ? <strong>Yes</strong> : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Schedules a session (`session` null) or moves one / changes its format. */
function SessionForm({
  caseId,
  session,
  onChanged,
  onDone,
  onCancel,
}: {
  caseId: string;
  session: SessionView | null;
  onChanged(): void;
  onDone(): void;
  onCancel(): void;
}) {
  const [startsAt, setStartsAt] = useState(toLocalInputValue(session?.startsAt));
  const [format, setFormat] = useState<SessionFormat>(session?.format ?? 'JOINT');
  const [problem, setProblem] = useState<string | null>(null);
  const schedule = useCaseEdit(ScheduleSessionMutation, onChanged);
  const update = useCaseEdit(UpdateSessionMutation, onChanged);
  const error = schedule.error ?? update.error;
  const id = session ? `session-${session.id}` : 'session-new';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const iso = fromLocalInputValue(startsAt);
    if (!iso) {
      setProblem('Enter the date and time the session starts.');
      return;
    }
    setProblem(null);
    const ok = session
      ? await update.run({ caseId, sessionId: session.id, input: { startsAt: iso, format } })
      : await schedule.run({ caseId, input: { startsAt: iso, format } });
    if (ok) onDone();
  }

  return (
    <form className="inline-form" aria-label={session ? 'Move or change the session' : 'Schedule a session'} noValidate onSubmit={submit}>
      {session ? null : <p className="inline-form__title">Schedule a session</p>}
      <div className="inline-form__grid">
        <div className="field">
          <label htmlFor={`${id}-starts`}>Starts ({timeZone()})</label>
          <input
            id={`${id}-starts`}
            type="datetime-local"
            required
            value={startsAt}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-starts-problem` : undefined}
            onChange={(e) => setStartsAt(e.target.value)}
          />
          <FieldProblem id={`${id}-starts-problem`} problem={problem} />
        </div>
        <EnumSelectField id={`${id}-format`} label="Format" values={FORMATS} value={format} onChange={setFormat} />
      </div>
      <InlineFormEnd
        error={error}
        errorTitle="The session was not saved"
        saving={schedule.saving || update.saving}
        submitLabel={session ? 'Save session' : 'Schedule'}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Who attended, and who had authority to settle: one row per participant. */
function AttendanceForm({
  caseItem,
  session,
  onChanged,
  onDone,
  onCancel,
}: {
  caseItem: SessionsCase;
  session: SessionView;
  onChanged(): void;
  onDone(): void;
  onCancel(): void;
}) {
  const [rows, setRows] = useState(() =>
    caseItem.participants.map((p) => {
      const known = session.attendance.find((a) => a.participantId === p.id);
      return { participantId: p.id, attended: known?.attended ?? false, authorityToSettle: known?.authorityToSettle ?? false };
    }),
  );
  const { run, saving, error } = useCaseEdit(RecordAttendanceMutation, onChanged);
  const id = `attendance-${session.id}`;
  const set = (index: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await run({ caseId: caseItem.id, sessionId: session.id, input: { attendance: rows } });
    if (ok) onDone();
  }

  return (
    <form className="inline-form" aria-label="Record attendance" onSubmit={submit}>
      {caseItem.participants.length === 0 ? (
        <p className="muted">Nobody is on this case yet.</p>
      ) : (
        <table className="mini-table">
          <caption className="visually-hidden">Attendance of the session</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Attended</th>
              <th scope="col">Authority to settle</th>
            </tr>
          </thead>
          <tbody>
            {caseItem.participants.map((p, index) => {
              const name = participantLabel(p, caseItem.sides);
              return (
                <tr key={p.id}>
                  <th scope="row" id={`${id}-${index}`}>
                    {name}
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${p.name} attended`}
                      checked={rows[index]?.attended ?? false}
                      onChange={(e) => set(index, { attended: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${p.name} had authority to settle`}
                      checked={rows[index]?.authorityToSettle ?? false}
                      onChange={(e) => set(index, { authorityToSettle: e.target.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <InlineFormEnd
        error={error}
        errorTitle="Attendance was not saved"
        saving={saving}
        submitLabel="Save attendance"
        disabled={caseItem.participants.length === 0}
        onCancel={onCancel}
      />
    </form>
  );
}
