import { VisibleTo } from '../../ui/components/VisibleTo';
import { useState, type FormEvent } from 'react';
import { EmptyState, FieldProblem } from '../../ui/components/Feedback';
import { InlineFormEnd } from '../../ui/components/InlineForm';
import { declaredOrder } from '../../ui/lib/order';
import { ISSUE_STATUSES, type IssueStatus } from '../../../generated/schema';
import type { CaseDetail, IssueView } from '../graphql/case';
import { UpdateIssueMutation } from '../graphql/records';
import { useCaseEdit } from '../hooks/useCaseEdit';
import { offers } from '../lib/editing';
import { eventLabel } from '../lib/events';

const STATUS_TEXT: Readonly<Record<IssueStatus, { label: string; mark: string }>> = {
  OPEN: { label: 'Open', mark: '○' },
  AGREED: { label: 'Agreed', mark: '✓' },
  WITHDRAWN: { label: 'Withdrawn', mark: '–' },
  DECIDED: { label: 'Decided', mark: '§' },
};

/** An issue's status as a badge that reads without colour: "✓ Agreed". */
export function IssueStatusBadge({ status }: { status: IssueStatus }) {
  const text = STATUS_TEXT[status] ?? { label: status, mark: '' };
  return (
    <span className={`status status--${status.toLowerCase()}`} data-testid="issue-status">
      <span aria-hidden="true">{text.mark} </span>
      {text.label}
    </span>
  );
}

/** "2 open · 1 agreed", in the statechart's order of statuses. */
function summary(issues: readonly IssueView[]): string {
  return declaredOrder(ISSUE_STATUSES)
    .map((status) => [status, issues.filter((i) => i.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUS_TEXT[status].label.toLowerCase()}`)
    .join(' · ');
}

/**
 * The disputed issues with their status (from the statechart: it changes only through
 * events) and, for those who keep the records, editing of the label and description.
 */
export function IssuesPanel({ item, onChanged }: { item: Pick<CaseDetail, 'id' | 'issues' | 'allowedEvents' | 'allowedEdits'>; onChanged(): void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = offers(item, 'RECORDS');
  const addIssue = item.allowedEvents.includes('ADD_ISSUE');
  return (
    <section className="panel" aria-labelledby="issues-heading" data-testid="issues">
      <div className="panel__head">
        <h2 className="panel__title" id="issues-heading">
          Issues
        </h2>
      <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
        {item.issues.length > 0 ? <p className="panel__summary">{summary(item.issues)}</p> : null}
      </div>
      {item.issues.length === 0 ? (
        <EmptyState title="No issues yet">
          {addIssue
            ? `List what is in dispute with “${eventLabel('ADD_ISSUE')}” in Next steps.`
            : 'The disputed issues appear here once they are listed.'}
        </EmptyState>
      ) : (
        <ul className="records">
          {item.issues.map((issue) => (
            <li key={issue.id} className={`record issue issue--${issue.status.toLowerCase()}`} data-testid="issue" data-issue-id={issue.id}>
              <div className="record__row">
                <IssueStatusBadge status={issue.status} />
                <span className="record__title issue__label">{issue.label}</span>
                {canEdit ? (
                  <button
                    type="button"
                    className="button button--small button--quiet record__action"
                    aria-expanded={editing === issue.id}
                    aria-label={`Edit: ${issue.label}`}
                    onClick={() => {
                      setSaved(null);
                      setEditing(editing === issue.id ? null : issue.id);
                    }}
                  >
                    Edit
                  </button>
                ) : null}
              </div>
              {issue.description ? <p className="record__text">{issue.description}</p> : null}
              {editing === issue.id ? (
                <IssueForm
                  caseId={item.id}
                  issue={issue}
                  onChanged={onChanged}
                  onDone={(label) => {
                    setEditing(null);
                    setSaved(`Saved issue ${label}.`);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="panel__status" role="status">
        {saved ?? ''}
      </p>
    </section>
  );
}

function IssueForm({
  caseId,
  issue,
  onChanged,
  onDone,
  onCancel,
}: {
  caseId: string;
  issue: IssueView;
  onChanged(): void;
  onDone(label: string): void;
  onCancel(): void;
}) {
  const [label, setLabel] = useState(issue.label);
  const [description, setDescription] = useState(issue.description ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, saving, error } = useCaseEdit(UpdateIssueMutation, onChanged);
  const id = `issue-${issue.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!label.trim()) {
      setProblem('Enter a label: what the issue is about.');
      return;
    }
    setProblem(null);
    const ok = await run({ caseId, issueId: issue.id, input: { label: label.trim(), description: description.trim() } });
    if (ok) onDone(label.trim());
  }

  return (
    <form className="inline-form" aria-label={`Edit issue: ${issue.label}`} noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-label`}>Label</label>
        <input
          id={`${id}-label`}
          required
          maxLength={200}
          value={label}
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        <FieldProblem id={`${id}-problem`} problem={problem} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>
          Description<span className="field__optional"> (optional)</span>
        </label>
        <textarea id={`${id}-description`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <InlineFormEnd error={error} errorTitle="The issue was not saved" saving={saving} submitLabel="Save issue" onCancel={onCancel} />
    </form>
  );
}
