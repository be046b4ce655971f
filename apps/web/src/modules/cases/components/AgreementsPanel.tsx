import { VisibleTo } from '../../ui/components/VisibleTo';
import { useState, type FormEvent } from 'react';
import { EmptyState, FieldProblem } from '../../ui/components/Feedback';
import { InlineFormEnd } from '../../ui/components/InlineForm';
import type { AgreementView, CaseDetail } from '../graphql/case';
import { SetAgreementTermsMutation, SignAgreementMutation } from '../graphql/records';
import { useCaseEdit } from '../hooks/useCaseEdit';
import { offers } from '../lib/editing';

type AgreementsCase = Pick<CaseDetail, 'id' | 'version' | 'agreements' | 'sides' | 'allowedEdits' | 'allowedEvents' | 'myRoles'>;

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
        <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
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
      <Signatures caseItem={caseItem} agreement={agreement} awaitingSides={awaiting} onChanged={onChanged} />
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
                {term.issueDescription ? <p className="muted">{term.issueDescription}</p> : null}
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

const sideName = (caseItem: AgreementsCase, sideId: string) => caseItem.sides.find((s) => s.id === sideId)?.label ?? 'A side';

/**
 * Who signed, who still has to, and the viewer's own way to sign: as a party, or as counsel
 * for a client where the program allows it. Every signature binds the text shown above; a
 * change of it voids them all.
 */
function Signatures({
  caseItem,
  agreement,
  awaitingSides,
  onChanged,
}: {
  caseItem: AgreementsCase;
  agreement: AgreementView;
  awaitingSides: string[];
  onChanged(): void;
}) {
  const [signingFor, setSigningFor] = useState<{ partyId: string | null; name: string } | null>(null);
  if (agreement.binding) {
    return (
      <p className="record__meta">
        Signed by {agreement.signatures.map((s) => (s.signerId === s.partyId ? s.partyName : `${s.partyName} (by counsel ${s.signerName})`)).join(', ')}.
      </p>
    );
  }
  const counselSides = caseItem.myRoles.filter((r) => r.role === 'COUNSEL').map((r) => r.sideId);
  const canSign = caseItem.allowedEvents.includes('SIGN_AGREEMENT');
  const canSignForClient = caseItem.allowedEvents.includes('SIGN_AGREEMENT_FOR_CLIENT');
  const clients = agreement.awaitingSignatures.filter((a) => counselSides.includes(a.sideId));
  return (
    <div className="agreement__signing" data-testid="agreement-signing">
      {agreement.signatures.length > 0 ? (
        <p className="record__meta">
          Signed by {agreement.signatures.map((s) => (s.signerId === s.partyId ? s.partyName : `${s.partyName} (by counsel ${s.signerName})`)).join(', ')}.
        </p>
      ) : null}
      {agreement.awaitingSignatures.length > 0 ? (
        <p className="record__meta" data-testid="awaiting-signatures">
          Still to sign: {agreement.awaitingSignatures.map((a) => `${a.name} (${sideName(caseItem, a.sideId)})`).join(', ')}.
        </p>
      ) : awaitingSides.length === 0 ? (
        <p className="record__meta">Every party has signed.</p>
      ) : null}
      {agreement.sidesWithoutParty.map((sideId) => (
        <p key={sideId} className="record__meta">
          {sideName(caseItem, sideId)} has no party on this case yet: the agreement cannot bind until one joins and signs.
        </p>
      ))}
      {agreement.missingTerms.length > 0 ? (
        <p className="alert" role="note">
          Terms are missing for: {agreement.terms.filter((t) => agreement.missingTerms.includes(t.issueId)).map((t) => t.issueLabel).join(', ')}. Nobody can sign until every issue has written terms.
        </p>
      ) : null}
      {counselSides.length > 0 && !canSignForClient && agreement.missingTerms.length === 0 ? (
        <p className="muted" data-testid="counsel-signing">
          {agreement.signingRule === 'PARTIES'
            ? 'In this program every party signs in person: as counsel, you cannot sign for your client.'
            : 'Your clients have all signed.'}
        </p>
      ) : null}
      {signingFor ? (
        <SignForm caseItem={caseItem} agreement={agreement} signingFor={signingFor} onChanged={onChanged} onCancel={() => setSigningFor(null)} />
      ) : (
        <div className="actions">
          {canSign ? (
            <button type="button" className="button button--primary" onClick={() => setSigningFor({ partyId: null, name: 'yourself' })}>
              Sign this agreement
            </button>
          ) : null}
          {canSignForClient
            ? clients.map((client) => (
                <button key={client.participantId} type="button" className="button" onClick={() => setSigningFor({ partyId: client.participantId, name: client.name })}>
                  Sign for {client.name}
                </button>
              ))
            : null}
        </div>
      )}
    </div>
  );
}

/** The signing dialog: the exact text being signed, and the password again. */
function SignForm({
  caseItem,
  agreement,
  signingFor,
  onChanged,
  onCancel,
}: {
  caseItem: AgreementsCase;
  agreement: AgreementView;
  signingFor: { partyId: string | null; name: string };
  onChanged(): void;
  onCancel(): void;
}) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, saving, error } = useCaseEdit(SignAgreementMutation, onChanged);
  const id = `sign-${agreement.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setProblem('Type the password you sign in with.');
      return;
    }
    setProblem(null);
    const input = { digest: agreement.digest ?? '', password, ...(signingFor.partyId ? { forPartyId: signingFor.partyId } : {}) };
    if (await run({ caseId: caseItem.id, expectedVersion: caseItem.version, input })) onCancel();
  }

  return (
    <form className="inline-form" role="dialog" aria-labelledby={`${id}-title`} noValidate onSubmit={submit}>
      <h3 className="panel__subtitle" id={`${id}-title`}>
        {signingFor.partyId ? `Sign for ${signingFor.name}` : 'Sign this agreement'}
      </h3>
      <p>You sign exactly this text. If anyone changes it afterwards, every signature is void and everyone signs again.</p>
      <dl className="terms terms--signing" data-testid="text-to-sign">
        {agreement.terms.map((term) => (
          <div key={term.issueId} className="terms__item">
            <dt>{term.issueLabel}</dt>
            <dd>
              {term.issueDescription ? <p className="muted">{term.issueDescription}</p> : null}
              <p className="terms__text">{term.terms}</p>
            </dd>
          </div>
        ))}
      </dl>
      <div className="field">
        <label htmlFor={`${id}-password`}>Your password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FieldProblem id={`${id}-problem`} problem={problem} />
      </div>
      <InlineFormEnd error={error} errorTitle="The agreement was not signed" saving={saving} submitLabel="Sign" onCancel={onCancel} />
    </form>
  );
}
