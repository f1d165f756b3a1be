import { useState } from 'react';
import { ScalarInput } from './ScalarInput';
import type { FieldSpec } from './schemaFields';

type ListSpec = Extract<FieldSpec, { type: 'list' }>;

/** Props of {@link ListField}. */
export interface ListFieldProps {
  readonly spec: ListSpec;
  readonly value: readonly unknown[];
  readonly externalError?: string | null;
  readonly onCommit: (value: unknown[]) => void;
  /** Item name for buttons and labels, e.g. "layer" (default "item"). */
  readonly itemName?: string;
  /** Commit numbers outside the limits too (see NumberInput). */
  readonly commitOutOfRange?: boolean;
  /** What the validator says about one item (marks its input invalid, e.g. after the inspector reopens). */
  readonly itemError?: (index: number) => string | null;
}

/**
 * An editable list of scalars (an MLP's hidden sizes, a CSV's columns): each item its own input,
 * committed as it becomes valid, with buttons to add, remove and reorder items.
 */
export function ListField({ spec, value, externalError, onCommit, itemName = 'item', commitOutOfRange = false, itemError = () => null }: ListFieldProps) {
  const [errors, setErrors] = useState<Record<number, string | null>>({});
  const canAdd = spec.maxItems === undefined || value.length < spec.maxItems;
  const canRemove = spec.minItems === undefined || value.length > spec.minItems;
  const set = (i: number, v: unknown) => onCommit(value.map((old, j) => (j === i ? v : old)));
  const remove = (i: number) => {
    setErrors({});
    onCommit(value.filter((_, j) => j !== i));
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onCommit(next);
  };
  const add = () => {
    const last = value[value.length - 1];
    onCommit([...value, last ?? (spec.item.type === 'number' ? (spec.item.min ?? 1) : `${itemName}${value.length + 1}`)]);
  };
  const shown = Object.entries(errors).filter(([, e]) => e).map(([i, e]) => `${itemName} ${Number(i) + 1}: ${e}`);
  const errorId = `list-${spec.key}-error`;
  return (
    <fieldset className={`list-field${shown.length || externalError ? ' field--invalid' : ''}`}>
      <legend className="field__label">{spec.label}</legend>
      {value.length === 0 ? <p className="list-field__empty">No {itemName}s.</p> : null}
      <ol className="list-field__items">
        {value.map((v, i) => (
          <li key={i} className="list-field__item">
            <span className="list-field__index" aria-hidden="true">
              {i + 1}
            </span>
            <ScalarInput
              ariaLabel={`${spec.label} ${i + 1}`}
              spec={spec.item}
              value={v}
              describedBy={errorId}
              commitOutOfRange={commitOutOfRange}
              externalError={itemError(i)}
              onCommit={(nv) => set(i, nv)}
              onError={(e) => setErrors((old) => (old[i] === e ? old : { ...old, [i]: e }))}
            />
            <button type="button" className="icon-button" aria-label={`Move ${itemName} ${i + 1} up`} title="Move up" disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" className="icon-button" aria-label={`Move ${itemName} ${i + 1} down`} title="Move down" disabled={i === value.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="icon-button icon-button--danger" aria-label={`Remove ${itemName} ${i + 1}`} title="Remove" disabled={!canRemove} onClick={() => remove(i)}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small" onClick={add} disabled={!canAdd}>
        + Add {itemName}
      </button>
      {shown.length || externalError ? (
        <div className="field__error" id={errorId} role="alert">
          {[...shown, ...(externalError ? [externalError] : [])].join('; ')}
        </div>
      ) : null}
    </fieldset>
  );
}
