import { useState, type FormEvent } from 'react';
import { EmptyState, FieldProblem } from '../../ui/components/Feedback';
import { InlineFormEnd } from '../../ui/components/InlineForm';
import type { AgreementView, CaseDetail } from '../graphql/case';
import { SetAgreementTermsMutation } from '../graphql/records';
import { useCaseEdit } from '../hooks/useCaseEdit';
import { offers } from '../lib/editing';

type AgreementsCase = Pick<CaseDetail, 'id' | 'agreements' | 'sides' | 'allowedEdits'>;

/** Why an agreement that is not binding is not, in words a party understands. */
export function notBindingReason(agreement: Pick<AgreementView, 'status'>): string {
  switch (agreement.status) {
    case 'SUBJECT_TO_FORMAL_DOCUMENTS':
      return 'A term sheet “subject to formal documents”: courts often hold it not binding, however signed. It binds only once formal documents replace it and every party signs them.';
    case 'DRAFT':
      return 'A draft: it binds only once every party of every side has signed it.';
    default:
      return 'It binds only once every party of every side has signed it.';
  }
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  DRAFT: 'Draft',
  SUBJECT_TO_FORMAL_DOCUMENTS: 'Subject to formal documents',
  BINDING: 'Binding',
};

/**
 * The written agreements. One that is not binding (a DRAFT, or a term sheet SUBJECT TO
 * FORMAL DOCUMENTS) says so loudly: people mistake a signed term sheet for a settlement.
 */
export function AgreementsPanel({ item, onChanged }: { item: AgreementsCase; onChanged(): void }) {
  const canEdit = offers(item, 'RECORDS');
  const [status, setStatus] = useState('');
  return (
    <section className="panel" aria-labelledby="agreements-heading" data-testid="agreements">
      <div className="panel__head">
        <h2 className="panel__title" id="agreements-heading">
          Written agreements
        </h2>
        <p className="visibility">Visible to: everyone on this case</p>
      </div>
      {item.agreements.length === 0 ? (
        <EmptyState title="No written agreement yet">
          When issues are agreed, their terms are written down here and signed by every party.
        </EmptyState>
      ) : (
        <ul className="records">
          {item.agreements.map((agreement) => (
            <Agreement
              key={agreement.id}
              caseItem={item}
              agreement={agreement}
              canEdit={canEdit}
              onChanged={onChanged}
              onSaved={(label) => setStatus(`Saved the terms of ${label}.`)}
            />
          ))}
        </ul>
      )}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}

function Agreement({
  caseItem,
  agreement,
  canEdit,
  onChanged,
  onSaved,
}: {
  caseItem: AgreementsCase;
  agreement: AgreementView;
  canEdit: boolean;
  onChanged(): void;
  onSaved(issueLabel: string): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const awaiting = agreement.awaitingSides.map((id) => caseItem.sides.find((s) => s.id === id)?.label ?? 'A side');
  return (
    <li
      className={`record agreement${agreement.binding ? ' agreement--binding' : ' agreement--pending'}`}
      data-testid="agreement"
      data-agreement-status={agreement.status}
    >
      {agreement.binding ? (
        <p className="agreement__banner agreement__banner--binding" data-testid="agreement-binding">
          <span aria-hidden="true">✓ </span>
          <strong>Binding</strong>: signed by every party of every side.
        </p>
      ) : (
        <div className="agreement__banner agreement__banner--pending" data-testid="agreement-not-binding">
          <p className="agreement__loud">
            <span aria-hidden="true">⚠ </span>Not binding
          </p>
          <p>
            <strong>{STATUS_LABELS[agreement.status] ?? agreement.status}.</strong> {notBindingReason(agreement)}
          </p>
        </div>
      )}
      <p className="record__meta">
        {awaiting.length > 0 ? <span>Awaiting signatures from: {awaiting.join(', ')}</span> : <span>Every side has signed.</span>}
      </p>
      {agreement.terms.length === 0 ? (
        <p className="muted">No issue is in this agreement yet.</p>
      ) : (
        <dl className="terms">
          {agreement.terms.map((term) => (
            <div key={term.issueId} className="terms__item">
              <dt>
                {term.issueLabel}
                {canEdit && !agreement.binding ? (
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    aria-expanded={editing === term.issueId}
                    aria-label={`${term.terms ? 'Edit terms' : 'Write terms'}: ${term.issueLabel}`}
                    onClick={() => setEditing(editing === term.issueId ? null : term.issueId)}
                  >
                    {term.terms ? 'Edit terms' : 'Write terms'}
                  </button>
                ) : null}
              </dt>
              <dd>
                {editing === term.issueId ? (
                  <TermsForm
                    caseId={caseItem.id}
                    issueId={term.issueId}
                    issueLabel={term.issueLabel}
                    terms={term.terms ?? ''}
                    onChanged={onChanged}
                    onDone={() => {
                      setEditing(null);
                      onSaved(term.issueLabel);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : term.terms ? (
                  <p className="terms__text">{term.terms}</p>
                ) : (
                  <p className="muted">No terms written yet.</p>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

function TermsForm({
  caseId,
  issueId,
  issueLabel,
  terms,
  onChanged,
  onDone,
  onCancel,
}: {
  caseId: string;
  issueId: string;
  issueLabel: string;
  terms: string;
  onChanged(): void;
  onDone(): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(terms);
  const [problem, setProblem] = useState<string | null>(null);
  const { run, saving, error } = useCaseEdit(SetAgreementTermsMutation, onChanged);
  const id = `terms-${issueId}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      setProblem('Write the agreed terms.');
      return;
    }
    setProblem(null);
    if (await run({ caseId, input: { issueId, terms: text.trim() } })) onDone();
  }

  return (
    <form className="inline-form" aria-label={`Terms of ${issueLabel}`} noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>Agreed terms</label>
        <textarea
          id={id}
          rows={4}
          value={text}
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <FieldProblem id={`${id}-problem`} problem={problem} />
      </div>
      <InlineFormEnd error={error} errorTitle="The terms were not saved" saving={saving} submitLabel="Save terms" onCancel={onCancel} />
    </form>
  );
}
