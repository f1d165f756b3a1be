/** Props of {@link CsvColumnsField}. */
export interface CsvColumnsFieldProps {
  readonly id: string;
  /** The file's header. */
  readonly header: readonly string[];
  /** The columns chosen, in the order they form x. */
  readonly columns: readonly string[];
  readonly error: string | null;
  readonly onCommit: (columns: string[]) => void;
}

/**
 * The numeric columns that form x, offered from the file's header: one checkbox per column; a
 * column ticked goes to the end of x, so the order is the order of ticking (shown below). Chosen
 * columns the header lacks stay listed, marked, until unticked.
 */
export function CsvColumnsField({ id, header, columns, error, onCommit }: CsvColumnsFieldProps) {
  const absent = columns.filter((c) => !header.includes(c));
  const describedBy = `${id}-desc`;
  const toggle = (name: string, on: boolean) => onCommit(on ? [...columns, name] : columns.filter((c) => c !== name));
  return (
    <fieldset className={`field csv-columns${error ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">Columns</legend>
      <div className="csv-columns__options">
        {[...header, ...absent].map((name, i) => {
          const at = columns.indexOf(name);
          const missing = i >= header.length;
          return (
            <label key={`${name}-${i}`} className={`csv-columns__option${at >= 0 ? ' csv-columns__option--on' : ''}${missing ? ' csv-columns__option--missing' : ''}`}>
              <input type="checkbox" checked={at >= 0} onChange={(e) => toggle(name, e.currentTarget.checked)} />
              <span className="csv-columns__name">{name === '' ? '(unnamed)' : name}</span>
              {missing ? <span className="csv-columns__note">not in the file</span> : at >= 0 ? <span className="csv-columns__note">x{at + 1}</span> : null}
            </label>
          );
        })}
      </div>
      {error ? (
        <div className="field__error" id={describedBy} role="alert">
          {error}
        </div>
      ) : (
        <div className="field__hint" id={describedBy}>
          {columns.length ? `x = ${columns.join(', ')}` : 'tick the numeric columns that form x'}
        </div>
      )}
    </fieldset>
  );
}
