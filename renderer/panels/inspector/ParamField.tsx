import { useState } from 'react';
import { PARAM_ITEM_NAMES } from '../../../shared/graph/param-issue';
import { FieldRow } from './FieldRow';
import { ListField } from './ListField';
import { ScalarInput } from './ScalarInput';
import { TableField } from './TableField';
import { limitsHint, type FieldSpec } from './schemaFields';

/** Props of {@link ParamField}. */
export interface ParamFieldProps {
  /** Prefix of the input ids (unique per node, so labels stay tied to their inputs). */
  readonly idPrefix: string;
  readonly spec: FieldSpec;
  readonly value: unknown;
  /** What the validator says about this field (e.g. "head names must be different"). */
  readonly externalError?: string | null;
  /** Extra context, e.g. "unused while 'loc' is connected". */
  readonly note?: string | null;
  /** Text of the unset option of an optional enum, e.g. "Default (reparameterisation)". */
  readonly unsetLabel?: string;
  /** Placeholder of an optional number left empty, e.g. "from connections". */
  readonly placeholder?: string;
  /** Commits a valid value; `undefined` removes the key (an optional value cleared). */
  readonly onChange: (key: string, value: unknown) => void;
  /** Commit numbers outside the limits too, for the caller's checks to list (see NumberInput). */
  readonly commitOutOfRange?: boolean;
  /** Per item of a list, or cell of a table ("0", "1.size"): what the validator says about it (marks that input). */
  readonly partError?: (path: string) => string | null;
}

/** One parameter of a node, rendered from its schema field: the right input, its label, limits and errors. */
export function ParamField({ idPrefix, spec, value, externalError, note, unsetLabel, placeholder, onChange, commitOutOfRange = false, partError }: ParamFieldProps) {
  const [error, setError] = useState<string | null>(null);
  const id = `${idPrefix}-${spec.key}`;
  const commit = (v: unknown) => onChange(spec.key, v);

  if (spec.type === 'list') {
    const list = Array.isArray(value) ? value : Array.isArray(spec.defaultValue) ? spec.defaultValue : [];
    return <ListField spec={spec} value={list} externalError={externalError ?? null} onCommit={commit} itemName={PARAM_ITEM_NAMES[spec.key] ?? 'item'} commitOutOfRange={commitOutOfRange} {...(partError ? { itemError: (i: number) => partError(String(i)) } : {})} />;
  }
  if (spec.type === 'table') {
    const rows = Array.isArray(value) ? value : Array.isArray(spec.defaultValue) ? spec.defaultValue : [];
    return <TableField spec={spec} value={rows as Record<string, unknown>[]} externalError={externalError ?? null} onCommit={commit} rowName={PARAM_ITEM_NAMES[spec.key] ?? 'row'} commitOutOfRange={commitOutOfRange} {...(partError ? { cellError: (i: number, column: string) => partError(`${i}.${column}`) } : {})} />;
  }
  const shown = value === undefined ? spec.defaultValue : value;
  const hintParts = [limitsHint(spec)];
  if (spec.defaultValue !== undefined && spec.type !== 'enum' && spec.type !== 'boolean') hintParts.push(`default ${String(spec.defaultValue)}`);
  if (note) hintParts.push(note);
  const hint = hintParts.filter(Boolean).join(' · ');
  const describedBy = `${id}-desc`;
  return (
    <FieldRow htmlFor={id} label={spec.label} error={error ?? externalError ?? null} hint={hint || null} describedById={describedBy}>
      <ScalarInput
        id={id}
        spec={spec}
        value={shown}
        optional={spec.optional}
        {...(unsetLabel !== undefined ? { unsetLabel } : {})}
        placeholder={placeholder ?? (spec.optional ? 'not set' : '')}
        describedBy={describedBy}
        externalError={externalError ?? null}
        commitOutOfRange={commitOutOfRange}
        onCommit={commit}
        onError={setError}
      />
      {spec.optional && value !== undefined && spec.type !== 'enum' ? (
        <button type="button" className="icon-button" aria-label={`Clear ${spec.label}`} title={`Clear ${spec.label}`} onClick={() => onChange(spec.key, undefined)}>
          ×
        </button>
      ) : null}
    </FieldRow>
  );
}

