import { enumLabel } from '../lib/format';
import { ErrorAlert } from './Feedback';

/**
 * The end of an inline edit form: what went wrong when saving (if anything), the save button
 * (saying "Saving…" while it does) and Cancel.
 */
export function InlineFormEnd({
  error,
  errorTitle,
  saving,
  submitLabel,
  disabled = false,
  onCancel,
}: {
  error: { message: string } | null | undefined;
  errorTitle: string;
  saving: boolean;
  submitLabel: string;
  disabled?: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      {error ? <ErrorAlert title={errorTitle} message={error.message} /> : null}
      <div className="inline-form__actions">
        <button type="submit" className="button button--primary" disabled={saving || disabled}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** A labelled select of an enum's values, each shown in words (`enumLabel`). */
export function EnumSelectField<T extends string>({
  id,
  label,
  values,
  value,
  onChange,
}: {
  id: string;
  label: string;
  values: readonly T[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {enumLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );
}
