import type { ReactNode } from 'react';

/** A polite, live "Loading …" line. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/** An error the person should read now, with what to do about it. */
export function ErrorAlert({ title, message, children }: { title?: string; message: string; children?: ReactNode }) {
  return (
    <div className="alert" role="alert">
      {title ? <p className="alert__title">{title}</p> : null}
      <p className="alert__message">{message}</p>
      {children ? <div className="alert__actions">{children}</div> : null}
    </div>
  );
}

/** A list with nothing in it yet: says so, and what would fill it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children ? <p className="empty__hint">{children}</p> : null}
    </div>
  );
}

/** A form field's problem, linked to its input through `aria-describedby={id}`; nothing when there is none. */
export function FieldProblem({ id, problem }: { id: string; problem: string | null | undefined }) {
  return problem ? (
    <p className="field__error" id={id}>
      {problem}
    </p>
  ) : null;
}
