import { optionLabel } from './schemaFields';

/** Props of {@link SelectInput}. */
export interface SelectInputProps {
  readonly id?: string;
  readonly ariaLabel?: string;
  readonly options: readonly string[];
  readonly value: string | undefined;
  /** Offered as the first option for an optional value left unset, e.g. "Default (reparameterisation)". */
  readonly unsetLabel?: string;
  readonly describedBy?: string;
  /** How an option reads (defaults to the value made readable). */
  readonly labelOf?: (value: string) => string;
  readonly onCommit: (value: string | undefined) => void;
}

/** A select over an enum's values; an optional enum also offers "unset". */
export function SelectInput({ id, ariaLabel, options, value, unsetLabel, describedBy, labelOf = optionLabel, onCommit }: SelectInputProps) {
  return (
    <select
      id={id}
      className="input input--select"
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      value={value ?? ''}
      onChange={(e) => onCommit(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
    >
      {unsetLabel !== undefined ? <option value="">{unsetLabel}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {labelOf(o)}
        </option>
      ))}
    </select>
  );
}
