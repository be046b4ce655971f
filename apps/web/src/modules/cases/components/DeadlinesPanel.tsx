import { VisibleTo } from '../../ui/components/VisibleTo';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  DEADLINE_KINDS,
  DEADLINE_SOURCES,
  type DeadlineKind,
  type DeadlineSource,
} from '../../../generated/schema';
import { EmptyState, ErrorAlert, FieldProblem } from '../../ui/components/Feedback';
import { EnumSelectField, InlineFormEnd } from '../../ui/components/InlineForm';
import {
  enumLabel,
  formatDate,
  formatDateTime,
  formatRelativeDays,
  fromLocalInputValue,
  roleLabel,
  timeZone,
  toLocalInputValue,
} from '../../ui/lib/format';
import type { CaseDetail, DeadlineView, ParticipantView } from '../graphql/case';
import { AddDeadlineMutation, UpdateDeadlineMutation } from '../graphql/records';
import { useCaseEdit } from '../hooks/useCaseEdit';
import { offers } from '../lib/editing';
import { MonthCalendar } from '../../deadlines/components/MonthCalendar';
import { formatInZone } from '../../deadlines/lib/calendar';

type DeadlinesCase = Pick<CaseDetail, 'id' | 'deadlines' | 'participants' | 'myRoles' | 'sides' | 'allowedEdits'>;

/** True for an open deadline whose time has passed. */
export function isOverdue(deadline: Pick<DeadlineView, 'dueAt' | 'doneAt'>, now: Date = new Date()): boolean {
  return !deadline.doneAt && Date.parse(deadline.dueAt) < now.getTime();
}

/**
 * The deadlines that drive the case (they never pause after mediation): open ones first,
 * soonest first, as the api sorts them; due times in the viewer's zone, with the zone shown.
 */
export function DeadlinesPanel({ item, onChanged }: { item: DeadlinesCase; onChanged(): void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const canEdit = offers(item, 'RECORDS');
  const toggleDone = useCaseEdit(UpdateDeadlineMutation, onChanged);

  async function markDone(deadline: DeadlineView, done: boolean) {
    setStatus('');
    const ok = await toggleDone.run({ caseId: item.id, deadlineId: deadline.id, input: { done } });
    if (ok) setStatus(done ? `Marked ${deadline.title} done.` : `Reopened ${deadline.title}.`);
  }

  return (
    <section className="panel" aria-labelledby="deadlines-heading" data-testid="deadlines">
      <div className="panel__head">
        <h2 className="panel__title" id="deadlines-heading">
          Deadlines
        </h2>
      <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
        <p className="panel__summary">Times in {timeZone()}</p>
        <div className="segmented" role="group" aria-label="Show deadlines as">
          {(['list', 'calendar'] as const).map((v) => (
            <button key={v} type="button" className="segmented__option" aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'list' ? 'List' : 'Calendar'}
            </button>
          ))}
        </div>
      </div>
      {view === 'calendar' ? (
        <MonthCalendar
          items={item.deadlines}
          timeZone={timeZone()}
          label="Deadlines of this case"
          renderItem={(deadline) => <CalendarEntry deadline={deadline} />}
        />
      ) : item.deadlines.length === 0 ? (
        <EmptyState title="No deadlines yet">
          Court dates, filing deadlines, discovery cut-offs and the mediator’s report appear here.
        </EmptyState>
      ) : (
        <ul className="records">
          {item.deadlines.map((deadline) => {
            const overdue = isOverdue(deadline);
            return (
              <li
                key={deadline.id}
                className={`record deadline${deadline.doneAt ? ' deadline--done' : ''}${overdue ? ' deadline--overdue' : ''}`}
                data-testid="deadline"
                data-deadline-id={deadline.id}
              >
                <div className="record__row">
                  <span className="badge">{enumLabel(deadline.kind)}</span>
                  <span className="record__title">{deadline.title}</span>
                  {deadline.doneAt ? (
                    <span className="status status--agreed" data-testid="deadline-status">
                      <span aria-hidden="true">✓ </span>Done
                    </span>
                  ) : overdue ? (
                    <span className="status status--overdue" data-testid="deadline-status">
                      <span aria-hidden="true">! </span>Overdue
                    </span>
                  ) : null}
                </div>
                <p className="record__meta">
                  <span>
                    Due <time dateTime={deadline.dueAt}>{formatDateTime(deadline.dueAt)}</time>
                    {deadline.doneAt ? null : <span className="muted"> ({formatRelativeDays(deadline.dueAt)})</span>}
                  </span>
                  <span>{deadline.ownerName ? `Owner: ${deadline.ownerName}` : 'No owner'}</span>
                  <span>Source: {enumLabel(deadline.source)}</span>
                  {deadline.doneAt ? (
                    <span>
                      Done <time dateTime={deadline.doneAt}>{formatDate(deadline.doneAt)}</time>
                    </span>
                  ) : null}
                </p>
                {canEdit ? (
                  <div className="record__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={toggleDone.saving}
                      aria-label={deadline.doneAt ? `Reopen: ${deadline.title}` : `Mark done: ${deadline.title}`}
                      onClick={() => void markDone(deadline, !deadline.doneAt)}
                    >
                      {deadline.doneAt ? 'Reopen' : 'Mark done'}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      aria-expanded={editing === deadline.id}
                      aria-label={`Edit: ${deadline.title}`}
                      onClick={() => setEditing(editing === deadline.id ? null : deadline.id)}
                    >
                      Edit
                    </button>
                  </div>
                ) : null}
                {editing === deadline.id ? (
                  <DeadlineForm
                    caseItem={item}
                    deadline={deadline}
                    onChanged={onChanged}
                    onDone={() => {
                      setEditing(null);
                      setStatus(`Saved ${deadline.title}.`);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {toggleDone.error ? <ErrorAlert title="The deadline was not changed" message={toggleDone.error.message} /> : null}
      {canEdit ? (
        adding ? (
          <DeadlineForm
            caseItem={item}
            deadline={null}
            onChanged={onChanged}
            onDone={(title) => {
              setAdding(false);
              setStatus(`Added ${title}.`);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <p className="panel__foot">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add deadline
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

/** One deadline under the calendar: kind, title, due time with the zone, done or overdue. */
export function CalendarEntry({ deadline, children }: { deadline: Pick<DeadlineView, 'kind' | 'title' | 'dueAt' | 'doneAt'>; children?: ReactNode }) {
  const overdue = isOverdue(deadline);
  return (
    <div className={`deadline${overdue ? ' deadline--overdue' : ''}`}>
      <div className="record__row">
        <span className="badge">{enumLabel(deadline.kind)}</span>
        <span className="record__title">{deadline.title}</span>
        {deadline.doneAt ? (
          <span className="status status--agreed">
            <span aria-hidden="true">✓ </span>Done
          </span>
        ) : overdue ? (
          <span className="status status--overdue">
            <span aria-hidden="true">! </span>Overdue
          </span>
        ) : null}
      </div>
      <p className="record__meta">
        <span>
          Due <time dateTime={deadline.dueAt}>{formatInZone(deadline.dueAt, timeZone())}</time>
        </span>
        {children}
      </p>
    </div>
  );
}

export function participantLabel(p: ParticipantView, sides: CaseDetail['sides']): string {
  const side = p.sideId ? sides.find((s) => s.id === p.sideId) : undefined;
  return `${p.name} · ${roleLabel(p.role)}${side ? ` for ${side.label}` : ''}`;
}

/** Adds a deadline (`deadline` null) or changes one: title, due time, owner. */
function DeadlineForm({
  caseItem,
  deadline,
  onChanged,
  onDone,
  onCancel,
}: {
  caseItem: DeadlinesCase;
  deadline: DeadlineView | null;
  onChanged(): void;
  onDone(title: string): void;
  onCancel(): void;
}) {
  const isMediator = caseItem.myRoles.some((r) => r.role === 'MEDIATOR');
  const [kind, setKind] = useState<DeadlineKind | ''>(deadline?.kind ?? '');
  const [title, setTitle] = useState(deadline?.title ?? '');
  const [due, setDue] = useState(toLocalInputValue(deadline?.dueAt));
  const [source, setSource] = useState<DeadlineSource>(deadline?.source ?? (isMediator ? 'MEDIATOR' : 'COUNSEL'));
  const [owner, setOwner] = useState(deadline?.ownerParticipantId ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const add = useCaseEdit(AddDeadlineMutation, onChanged);
  const update = useCaseEdit(UpdateDeadlineMutation, onChanged);
  const saving = add.saving || update.saving;
  const error = add.error ?? update.error;
  const id = deadline ? `deadline-${deadline.id}` : 'deadline-new';
  const heading = deadline ? `Edit deadline ${deadline.title}` : 'Add a deadline';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const dueAt = fromLocalInputValue(due);
    if (!deadline && !kind) found.kind = 'Choose the kind of deadline.';
    if (!title.trim()) found.title = 'Enter a title, e.g. “Discovery cut-off”.';
    if (!dueAt) found.due = 'Enter the date and time it is due.';
    setProblems(found);
    if (Object.keys(found).length > 0 || !dueAt) {
      (event.currentTarget.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    const ok = deadline
      ? await update.run({
          caseId: caseItem.id,
          deadlineId: deadline.id,
          input: { title: title.trim(), dueAt, ...(owner ? { ownerParticipantId: owner } : {}) },
        })
      : await add.run({
          caseId: caseItem.id,
          input: { kind: kind as DeadlineKind, title: title.trim(), dueAt, source, ownerParticipantId: owner || null },
        });
    if (ok) onDone(title.trim());
  }

  const invalid = (name: string) =>
    problems[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-problem` } : {};
  const problem = (name: string) => <FieldProblem id={`${id}-${name}-problem`} problem={problems[name]} />;

  return (
    <form className="inline-form" aria-label={heading} noValidate onSubmit={submit}>
      {deadline ? null : <p className="inline-form__title">Add a deadline</p>}
      <div className="inline-form__grid">
        {deadline ? null : (
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} required value={kind} onChange={(e) => setKind(e.target.value as DeadlineKind)} {...invalid('kind')}>
              <option value="" disabled>
                Choose…
              </option>
              {DEADLINE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {enumLabel(k)}
                </option>
              ))}
            </select>
            {problem('kind')}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} {...invalid('title')} />
          {problem('title')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due ({timeZone()})</label>
          <input id={`${id}-due`} type="datetime-local" required value={due} onChange={(e) => setDue(e.target.value)} {...invalid('due')} />
          {problem('due')}
        </div>
        {deadline ? null : <EnumSelectField id={`${id}-source`} label="Source" values={DEADLINE_SOURCES} value={source} onChange={setSource} />}
        <div className="field">
          <label htmlFor={`${id}-owner`}>
            Owner<span className="field__optional"> (optional)</span>
          </label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{deadline?.ownerParticipantId ? 'Keep the owner' : 'No owner'}</option>
            {caseItem.participants.map((p) => (
              <option key={p.id} value={p.id}>
                {participantLabel(p, caseItem.sides)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <InlineFormEnd error={error} errorTitle="The deadline was not saved" saving={saving} submitLabel={deadline ? 'Save deadline' : 'Add this deadline'} onCancel={onCancel} />
    </form>
  );
}
