import { useState } from 'react';
import { ScalarInput } from './ScalarInput';
import type { FieldSpec } from './schemaFields';

type TableSpec = Extract<FieldSpec, { type: 'table' }>;
type Row = Record<string, unknown>;

/** Props of {@link TableField}. */
export interface TableFieldProps {
  readonly spec: TableSpec;
  readonly value: readonly Row[];
  readonly externalError?: string | null;
  readonly onCommit: (value: Row[]) => void;
  /** Row name for buttons and labels, e.g. "head" (default "row"). */
  readonly rowName?: string;
  /** Commit numbers outside the limits too (see NumberInput). */
  readonly commitOutOfRange?: boolean;
  /** What the validator says about one cell (marks its input invalid, e.g. after the inspector reopens). */
  readonly cellError?: (row: number, column: string) => string | null;
}

/** A new row: each column's default, a fresh name for a name column, a copy of the last row's sizes. */
function newRow(spec: TableSpec, rows: readonly Row[], rowName: string): Row {
  const last = rows[rows.length - 1];
  const row: Row = {};
  for (const c of spec.columns) {
    if (c.key === 'name' && c.type === 'string') {
      const taken = new Set(rows.map((r) => r.name));
      let n = rows.length + 1;
      while (taken.has(`${rowName}${n}`)) n++;
      row.name = `${rowName}${n}`;
    } else if (c.defaultValue !== undefined) row[c.key] = c.defaultValue;
    else if (last && last[c.key] !== undefined) row[c.key] = last[c.key];
    else if (c.type === 'number') row[c.key] = c.min ?? 1;
    else if (c.type === 'enum') row[c.key] = c.options[0];
    else if (c.type === 'boolean') row[c.key] = false;
  }
  return row;
}

/**
 * An editable table of objects (an MLP's heads: name, size, activation): one input per cell,
 * committed as it becomes valid, with buttons to add and remove rows.
 */
export function TableField({ spec, value, externalError, onCommit, rowName = 'row', commitOutOfRange = false, cellError = () => null }: TableFieldProps) {
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const canAdd = spec.maxItems === undefined || value.length < spec.maxItems;
  const canRemove = spec.minItems === undefined || value.length > spec.minItems;
  const set = (i: number, key: string, v: unknown) => onCommit(value.map((row, j) => (j === i ? { ...row, [key]: v } : row)));
  const shown = Object.entries(errors)
    .filter(([, e]) => e)
    .map(([k, e]) => {
      const [i, col] = k.split(':');
      return `${rowName} ${Number(i) + 1} ${spec.columns.find((c) => c.key === col)?.label.toLowerCase() ?? col}: ${e}`;
    });
  const errorId = `table-${spec.key}-error`;
  return (
    <fieldset className={`table-field${shown.length || externalError ? ' field--invalid' : ''}`}>
      <legend className="field__label">{spec.label}</legend>
      <table className="table-field__table">
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {value.map((row, i) => (
            <tr key={i}>
              {spec.columns.map((c) => (
                <td key={c.key} className={`table-field__cell table-field__cell--${c.type}`}>
                  <ScalarInput
                    ariaLabel={`${rowName} ${i + 1} ${c.label.toLowerCase()}`}
                    spec={c}
                    value={row[c.key]}
                    describedBy={errorId}
                    commitOutOfRange={commitOutOfRange}
                    externalError={cellError(i, c.key)}
                    onCommit={(v) => set(i, c.key, v)}
                    onError={(e) => setErrors((old) => (old[`${i}:${c.key}`] === e ? old : { ...old, [`${i}:${c.key}`]: e }))}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={`Remove ${rowName} ${i + 1}${typeof row.name === 'string' ? ` (${row.name})` : ''}`}
                  title="Remove"
                  disabled={!canRemove}
                  onClick={() => {
                    setErrors({});
                    onCommit(value.filter((_, j) => j !== i));
                  }}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--small" onClick={() => onCommit([...value, newRow(spec, value, rowName)])} disabled={!canAdd}>
        + Add {rowName}
      </button>
      {shown.length || externalError ? (
        <div className="field__error" id={errorId} role="alert">
          {[...shown, ...(externalError ? [externalError] : [])].join('; ')}
        </div>
      ) : null}
    </fieldset>
  );
}
