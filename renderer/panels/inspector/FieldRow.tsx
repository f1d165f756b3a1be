import type { ReactNode } from 'react';

/** Props of {@link FieldRow}. */
export interface FieldRowProps {
  /** The id of the control the label names (omit for a group that labels itself). */
  readonly htmlFor?: string;
  readonly label: string;
  /** Why the value typed is invalid, or a problem the validator reports about this field. */
  readonly error?: string | null;
  /** A quiet hint under the control (limits, defaults, "unused while connected"). */
  readonly hint?: string | null;
  /** Id for the error/hint text, referenced by the control's aria-describedby. */
  readonly describedById?: string;
  readonly children: ReactNode;
}

/** A labelled control with its inline error and hint; the error never blocks typing. */
export function FieldRow({ htmlFor, label, error, hint, describedById, children }: FieldRowProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {htmlFor ? (
        <label className="field__label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="field__label">{label}</span>
      )}
      <div className="field__control">{children}</div>
      {error ? (
        <div className="field__error" id={describedById} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field__hint" id={describedById}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
