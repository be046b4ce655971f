import { useId, useState, type FormEvent } from 'react';
import { HIDDEN_ISSUE_CATEGORIES, WORKSPACE_ITEM_KINDS, type WorkspaceItemKind, type WorkspaceItemInput } from '../../../generated/schema';
import { EnumSelectField } from '../../ui/components/InlineForm';
import type { WorkspaceItemView } from '../graphql/confidential';
import { kindLabel } from '../lib/format';

type Fields = Record<
  'body' | 'amount' | 'currency' | 'nonMoneyTerms' | 'category' | 'nextWeek' | 'threeMonths' | 'costToDecision' | 'whoDecides' | 'probability' | 'rangeLow' | 'rangeHigh',
  string
>;

const str = (v: number | string | null | undefined) => (v == null ? '' : String(v));

function initial(item?: WorkspaceItemView): Fields {
  const b = item?.batna;
  return {
    body: str(item?.body),
    amount: str(item?.amount),
    currency: item?.currency ?? 'USD',
    nonMoneyTerms: str(item?.nonMoneyTerms),
    category: item?.category ?? 'CASH_FLOW',
    nextWeek: str(b?.nextWeek),
    threeMonths: str(b?.threeMonths),
    costToDecision: str(b?.costToDecision),
    whoDecides: str(b?.whoDecides),
    probability: b?.probability != null ? String(Math.round(b.probability * 1000) / 10) : '',
    rangeLow: str(b?.rangeLow),
    rangeHigh: str(b?.rangeHigh),
  };
}

const num = (v: string) => (v.trim() === '' ? null : Number(v));
const text = (v: string) => (v.trim() === '' ? null : v.trim());

/** The fields of the kind, as the api's input (without `kind`). */
export function toInput(kind: WorkspaceItemKind, f: Fields): Omit<WorkspaceItemInput, 'kind'> {
  switch (kind) {
    case 'BEST_OFFER':
      return { amount: num(f.amount), currency: text(f.currency)?.toUpperCase() ?? null, nonMoneyTerms: text(f.nonMoneyTerms), body: text(f.body) };
    case 'HIDDEN_ISSUE':
      return { category: f.category as WorkspaceItemInput['category'], body: text(f.body) };
    case 'BATNA': {
      const p = num(f.probability);
      const ranged = num(f.rangeLow) != null || num(f.rangeHigh) != null;
      return {
        // The currency is the range's: sent with a range, not on its own.
        currency: ranged ? (text(f.currency)?.toUpperCase() ?? null) : null,
        batna: {
          nextWeek: text(f.nextWeek),
          threeMonths: text(f.threeMonths),
          costToDecision: text(f.costToDecision),
          whoDecides: text(f.whoDecides),
          probability: p == null ? null : p / 100,
          rangeLow: num(f.rangeLow),
          rangeHigh: num(f.rangeHigh),
        },
      };
    }
    default:
      return { body: text(f.body) };
  }
}

/** Adds (no `item`) or edits one item of the side's workspace. */
export function WorkspaceItemForm({
  item,
  busy,
  onSubmit,
  onCancel,
}: {
  item?: WorkspaceItemView;
  busy: boolean;
  onSubmit(kind: WorkspaceItemKind, input: Omit<WorkspaceItemInput, 'kind'>): void;
  onCancel?(): void;
}) {
  const id = useId();
  const [kind, setKind] = useState<WorkspaceItemKind>(item?.kind ?? 'BEST_OFFER');
  const [f, setF] = useState<Fields>(() => initial(item));
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(kind, toInput(kind, f));
  }

  const field = (k: keyof Fields, label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} value={f[k]} onChange={set(k)} {...props} />
    </div>
  );
  const area = (k: keyof Fields, label: string, required = false) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <textarea id={`${id}-${k}`} value={f[k]} onChange={set(k)} rows={3} required={required} />
    </div>
  );

  return (
    <form className="form ws-form" onSubmit={submit} aria-busy={busy} aria-label={item ? `Edit ${kindLabel(kind).toLowerCase()}` : 'Add to your side’s workspace'}>
      {item ? null : (
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as WorkspaceItemKind)}>
            {['BEST_OFFER', 'DEALBREAKER', 'HIDDEN_ISSUE', 'BATNA', 'MISSING_INFORMATION', 'FLEXIBILITY_SIGNAL', 'NOTE', 'DRAFT']
              .filter((k) => (WORKSPACE_ITEM_KINDS as readonly string[]).includes(k))
              .map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
          </select>
        </div>
      )}
      {kind === 'BEST_OFFER' ? (
        <>
          <div className="ws-form__row">
            {field('amount', 'Amount', { type: 'number', step: 'any', min: 0, inputMode: 'decimal' })}
            {field('currency', 'Currency (ISO 4217)', { maxLength: 3, pattern: '[A-Za-z]{3}', size: 4 })}
          </div>
          {area('nonMoneyTerms', 'Terms other than money')}
        </>
      ) : kind === 'HIDDEN_ISSUE' ? (
        <>
          <EnumSelectField
            id={`${id}-category`}
            label="What drives it"
            values={HIDDEN_ISSUE_CATEGORIES}
            value={f.category as (typeof HIDDEN_ISSUE_CATEGORIES)[number]}
            onChange={(category) => setF((prev) => ({ ...prev, category }))}
          />
          {area('body', 'Description', true)}
        </>
      ) : kind === 'BATNA' ? (
        <>
          {area('nextWeek', 'Next week without a deal')}
          {area('threeMonths', 'In three months')}
          {field('costToDecision', 'Cost to a decision')}
          {field('whoDecides', 'Who decides')}
          <div className="ws-form__row">
            {field('probability', 'Chance of winning (%)', { type: 'number', min: 0, max: 100, step: 'any' })}
            {field('rangeLow', 'Range, low', { type: 'number', step: 'any' })}
            {field('rangeHigh', 'Range, high', { type: 'number', step: 'any' })}
            {field('currency', 'Currency', { maxLength: 3, size: 4 })}
          </div>
        </>
      ) : (
        area('body', kindLabel(kind), true)
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {item ? 'Save' : 'Add'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
