import { useEffect, useRef, useState } from 'react';
import { checkScalar, type ScalarSpec } from './schemaFields';

type StringSpec = Extract<ScalarSpec, { type: 'string' }>;

/** Props of {@link TextInput}. */
export interface TextInputProps {
  readonly id?: string;
  readonly ariaLabel?: string;
  readonly spec: StringSpec;
  readonly value: string | undefined;
  /** May be emptied: an empty box commits `undefined`. */
  readonly optional?: boolean;
  readonly describedBy?: string;
  readonly placeholder?: string;
  readonly onCommit: (value: string | undefined) => void;
  readonly onError?: (error: string | null) => void;
  readonly externalError?: string | null;
}

/** A text input that commits valid text as it is typed and keeps invalid text with its error. */
export function TextInput({ id, ariaLabel, spec, value, optional, describedBy, placeholder, onCommit, onError, externalError }: TextInputProps) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (last.current === value) return;
    last.current = value;
    if (text !== (value ?? '')) {
      setText(value ?? '');
      setError(null);
      onError?.(null);
    }
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (raw: string) => {
    setText(raw);
    const why = raw === '' && optional ? null : checkScalar(spec, raw);
    setError(why);
    onError?.(why);
    if (why) return;
    const next = raw === '' && optional ? undefined : raw;
    last.current = next;
    if (next !== value) onCommit(next);
  };
  return (
    <input
      id={id}
      className="input"
      type="text"
      spellCheck={false}
      autoComplete="off"
      value={text}
      placeholder={placeholder}
      aria-label={ariaLabel}
      aria-invalid={Boolean(error ?? externalError) || undefined}
      aria-describedby={describedBy}
      title={error ?? undefined}
      onChange={(e) => change(e.currentTarget.value)}
    />
  );
}
