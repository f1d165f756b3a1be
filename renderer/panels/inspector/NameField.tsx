import { useEffect, useState } from 'react';

/** Props of {@link NameField}. */
export interface NameFieldProps {
  readonly id: string;
  readonly name: string;
  /** Renames; returns the refusal reason (duplicate or empty name) or null when done. */
  readonly onRename: (name: string) => string | null;
}

/**
 * The node's name. Committed on Enter or when focus leaves; a refused name (already used, empty)
 * stays in the box with the reason beside it until it is fixed or Escape restores the old name.
 */
export function NameField({ id, name, onRename }: NameFieldProps) {
  const [text, setText] = useState(name);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(name);
    setError(null);
  }, [name]);
  const commit = () => {
    if (text === name) {
      setError(null);
      return;
    }
    setError(onRename(text));
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        Name
      </label>
      <input
        id={id}
        className="input input--name"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={`${id}-error`}
        onChange={(e) => {
          setText(e.currentTarget.value);
          if (error) setError(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setText(name);
            setError(null);
          }
        }}
      />
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
