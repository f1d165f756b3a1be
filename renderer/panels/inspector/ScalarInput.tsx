import { NumberInput } from './NumberInput';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import type { ScalarSpec } from './schemaFields';

/** Props of {@link ScalarInput}. */
export interface ScalarInputProps {
  readonly id?: string;
  readonly ariaLabel?: string;
  readonly spec: ScalarSpec;
  readonly value: unknown;
  readonly optional?: boolean;
  readonly unsetLabel?: string;
  readonly placeholder?: string;
  readonly describedBy?: string;
  readonly externalError?: string | null;
  readonly onCommit: (value: unknown) => void;
  readonly onError?: (error: string | null) => void;
  /** Numbers: commit values outside the limits too (see NumberInput). */
  readonly commitOutOfRange?: boolean;
}

/** The input for one scalar of a schema: number box, select, checkbox or text box. */
export function ScalarInput(props: ScalarInputProps) {
  const { id, ariaLabel, spec, value, optional, describedBy, onCommit, onError, externalError, placeholder, commitOutOfRange } = props;
  const common = { ...(id ? { id } : {}), ...(ariaLabel ? { ariaLabel } : {}), ...(describedBy ? { describedBy } : {}) };
  switch (spec.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          spec={spec}
          value={typeof value === 'number' ? value : undefined}
          optional={optional ?? false}
          {...(placeholder !== undefined ? { placeholder } : {})}
          onCommit={onCommit}
          {...(onError ? { onError } : {})}
          externalError={externalError ?? null}
          commitOutOfRange={commitOutOfRange ?? false}
        />
      );
    case 'string':
      return (
        <TextInput
          {...common}
          spec={spec}
          value={typeof value === 'string' ? value : undefined}
          optional={optional ?? false}
          {...(placeholder !== undefined ? { placeholder } : {})}
          onCommit={onCommit}
          {...(onError ? { onError } : {})}
          externalError={externalError ?? null}
        />
      );
    case 'enum':
      return <SelectInput {...common} options={spec.options} value={typeof value === 'string' ? value : undefined} {...(optional ? { unsetLabel: props.unsetLabel ?? 'Default' } : {})} onCommit={onCommit} />;
    case 'boolean':
      return (
        <input
          id={id}
          className="input input--checkbox"
          type="checkbox"
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          checked={value === true}
          onChange={(e) => onCommit(e.currentTarget.checked)}
        />
      );
  }
}
