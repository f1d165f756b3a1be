import { useEffect, useRef, useState } from 'react';
import { checkScalar, parseNumber, type ScalarSpec } from './schemaFields';

type NumberSpec = Extract<ScalarSpec, { type: 'number' }>;

/** Props of {@link NumberInput}. */
export interface NumberInputProps {
  readonly id?: string;
  /** The accessible name when no <label> points at the input (table cells, list items). */
  readonly ariaLabel?: string;
  readonly spec: NumberSpec;
  readonly value: number | undefined;
  /** May be emptied: an empty input commits `undefined`. */
  readonly optional?: boolean;
  readonly placeholder?: string;
  readonly describedBy?: string;
  /** Called with every valid value as it is typed (and `undefined` when an optional one is cleared). */
  readonly onCommit: (value: number | undefined) => void;
  /** Reports the current text's error (null when valid), so the row can show it inline. */
  readonly onError?: (error: string | null) => void;
  readonly externalError?: string | null;
  /**
   * Commit a number outside the spec's limits too, leaving its error to whoever checks the value
   * downstream (the graph analysis, the training drafts), so that it stays marked and listed as a
   * problem instead of being silently not applied. Its error is then not reported through onError.
   */
  readonly commitOutOfRange?: boolean;
}

function format(v: number | undefined): string {
  return v === undefined ? '' : String(v);
}

/**
 * A number input that keeps what is typed: valid values are committed as they are typed, invalid
 * ones stay in the box with their error shown beside it, and an outside change (undo) replaces them.
 */
export function NumberInput({ id, ariaLabel, spec, value, optional, placeholder, describedBy, onCommit, onError, externalError, commitOutOfRange }: NumberInputProps) {
  const [text, setText] = useState(format(value));
  const [error, setError] = useState<string | null>(null);
  const last = useRef(value);

  useEffect(() => {
    if (last.current === value) return;
    last.current = value;
    // An outside change (undo, another field): show it unless the box already says the same number.
    if (parseNumber(text) !== (value ?? null)) {
      setText(format(value));
      setError(null);
      onError?.(null);
    }
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (raw: string, bad: boolean) => {
    setText(raw);
    let why: string | null;
    let outOfRange = false;
    if (bad) why = 'enter a number';
    else if (raw.trim() === '') why = optional ? null : 'required';
    else {
      const n = parseNumber(raw);
      why = checkScalar(spec, n ?? Number.NaN);
      outOfRange = why !== null && n !== null && commitOutOfRange === true;
    }
    setError(why);
    onError?.(outOfRange ? null : why);
    if (why && !outOfRange) return;
    const next = raw.trim() === '' ? undefined : parseNumber(raw)!;
    last.current = next;
    if (next !== value) onCommit(next);
  };

  const invalid = Boolean(error ?? externalError);
  return (
    <input
      id={id}
      className="input input--number"
      type="number"
      inputMode={spec.integer ? 'numeric' : 'decimal'}
      step={spec.integer ? 1 : 'any'}
      min={spec.min ?? spec.exclusiveMin}
      max={spec.max ?? spec.exclusiveMax}
      value={text}
      placeholder={placeholder}
      aria-label={ariaLabel}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      title={error ?? undefined}
      onChange={(e) => change(e.currentTarget.value, e.currentTarget.validity.badInput)}
    />
  );
}
