import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FieldProblem } from '../../ui/components/Feedback';
import type { CaseEventInput } from '../../../generated/schema';
import { eventLabel } from '../lib/events';
import {
  buildEventInput,
  formDescription,
  initialValues,
  partyOptions,
  type EventForm as EventFormSpec,
  type EventFormContext,
  type FormField,
  type FormValue,
  type FormValues,
} from '../lib/eventForm';

/**
 * The small inline form of one event, built from the schema (see lib/eventForm). It checks
 * what it can before sending (a required field left empty is named, and focused); what the
 * machine refuses comes back from the api and is shown by Next steps.
 */
export function EventForm({
  id,
  form,
  ctx,
  disabled,
  onSend,
  onCancel,
}: {
  id: string;
  form: EventFormSpec;
  ctx: EventFormContext;
  disabled: boolean;
  onSend(input: CaseEventInput): void;
  onCancel(): void;
}) {
  const [values, setValues] = useState<FormValues>(() => initialValues(form, ctx));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const root = useRef<HTMLFormElement>(null);
  const titleId = `${id}-title`;
  const description = formDescription(form);

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('input, select, textarea, .choice__options button')?.focus();
  }, []);

  function set(name: string, value: FormValue) {
    setValues((current) => {
      const next = { ...current, [name]: value };
      // A party belongs to a side: choosing another side starts the party over.
      if (name === 'sideId' && 'partyId' in current) next.partyId = '';
      return next;
    });
    setProblems(({ [name]: _solved, ...rest }) => rest);
  }

  function submit(choice?: string) {
    const built = buildEventInput(form, values, choice);
    if (!built.ok) {
      setProblems(built.problems);
      const first = form.fields.find((f) => built.problems[f.name]);
      if (first) root.current?.querySelector<HTMLElement>(`[data-field="${first.name}"]`)?.focus();
      return;
    }
    setProblems({});
    onSend(built.input);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // With buttons for the answer, Enter in a field does not guess one.
    if (!form.choice) submit();
  }

  const cannotSend = disabled || form.blocked !== null;
  return (
    <form
      ref={root}
      id={id}
      className="event-form"
      aria-labelledby={titleId}
      data-testid="event-form"
      data-event={form.event}
      noValidate
      onSubmit={onSubmit}
    >
      <p className="event-form__title" id={titleId}>
        {eventLabel(form.event)}
      </p>
      {description ? <p className="event-form__lede">{description}</p> : null}
      {form.fields.map((field) => (
        <Field
          key={field.name}
          formId={id}
          field={field}
          value={values[field.name]}
          problem={problems[field.name]}
          ctx={ctx}
          sideId={typeof values.sideId === 'string' ? values.sideId : ''}
          onChange={(value) => set(field.name, value)}
        />
      ))}
      {form.blocked ? <p className="event-form__blocked">{form.blocked}</p> : null}
      {form.choice && form.choice.widget.type === 'choice' ? (
        <div className="choice" role="group" aria-labelledby={`${id}-choice`}>
          <p className="choice__label" id={`${id}-choice`}>
            {form.choice.label}
          </p>
          <div className="choice__options">
            {form.choice.widget.options.map((option) => (
              <button key={option.value} type="button" className="button" disabled={cannotSend} onClick={() => submit(option.value)}>
                {option.label}
              </button>
            ))}
            <button type="button" className="button button--quiet" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="event-form__actions">
          <button type="submit" className="button button--primary" disabled={cannotSend}>
            Confirm
          </button>
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

function Field({
  formId,
  field,
  value,
  problem,
  ctx,
  sideId,
  onChange,
}: {
  formId: string;
  field: FormField;
  value: FormValue | undefined;
  problem: string | undefined;
  ctx: EventFormContext;
  sideId: string;
  onChange(value: FormValue): void;
}) {
  const inputId = `${formId}-${field.name}`;
  const hintId = field.hint ? `${inputId}-hint` : undefined;
  const errorId = problem ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id: inputId,
    'data-field': field.name,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const text = typeof value === 'string' ? value : '';
  const hint = field.hint ? (
    <p className="field__hint" id={hintId}>
      {field.hint}
    </p>
  ) : null;
  const error = <FieldProblem id={`${inputId}-error`} problem={problem} />;
  const optional = field.required ? null : <span className="field__optional"> (optional)</span>;
  const widget = field.widget;

  if (widget.type === 'checkbox') {
    return (
      <div className="field field--check">
        <div className="check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <label htmlFor={inputId}>{field.label}</label>
        </div>
        {hint}
        {error}
      </div>
    );
  }

  if (widget.type === 'checklist') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field field--list" aria-describedby={describedBy} data-field-group={field.name}>
        <legend>
          {field.label}
          {optional}
        </legend>
        {hint}
        {widget.options.length === 0 ? (
          <p className="muted">Nothing to choose from.</p>
        ) : (
          <ul className="checklist">
            {widget.options.map((option, index) => {
              const optionId = `${inputId}-${index}`;
              return (
                <li key={option.value} className="check">
                  <input
                    id={optionId}
                    type="checkbox"
                    data-field={index === 0 ? field.name : undefined}
                    checked={chosen.includes(option.value)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))
                    }
                  />
                  <label htmlFor={optionId}>{option.label}</label>
                </li>
              );
            })}
          </ul>
        )}
        {error}
      </fieldset>
    );
  }

  let control;
  if (widget.type === 'select' || widget.type === 'party') {
    const options = widget.type === 'party' ? partyOptions(ctx, sideId) : widget.options;
    const placeholder = widget.type === 'select' ? widget.placeholder : null;
    control = (
      <select {...common} required={field.required} value={text} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== null ? (
          <option value="" disabled={field.required}>
            {placeholder}
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (widget.type === 'lines') {
    control = <textarea {...common} required={field.required} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type = widget.type === 'date' ? 'date' : widget.type === 'number' ? 'number' : 'text';
    control = (
      <input
        {...common}
        type={type}
        required={field.required}
        autoComplete="off"
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={inputId}>
        {field.label}
        {optional}
      </label>
      {control}
      {hint}
      {error}
    </div>
  );
}

/** A stable id for an event's form, for the step button's aria-controls. */
export function useEventFormId(): string {
  return `event-form-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
