import type { CsvInspection } from '../../../../shared/protocol/data';

/** Props of {@link CsvPreview}. */
export interface CsvPreviewProps {
  readonly inspection: CsvInspection;
  readonly columns: readonly string[];
  readonly labelColumn: string | undefined;
}

/** The first rows of a CSV file as written, the chosen columns and the label column marked. */
export function CsvPreview({ inspection, columns, labelColumn }: CsvPreviewProps) {
  const { header, preview, rows } = inspection;
  if (header.length === 0) return null;
  const role = (name: string): string => (name === labelColumn ? ' csv-preview__col--label' : columns.includes(name) ? ' csv-preview__col--x' : '');
  return (
    <figure className="csv-preview">
      <figcaption className="csv-preview__caption">
        {rows === 0 ? 'No data rows' : `First ${preview.length} of ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`} · {header.length} column{header.length === 1 ? '' : 's'}
      </figcaption>
      <div className="csv-preview__scroll" tabIndex={0} aria-label={`Preview of ${inspection.path}`} role="region">
        <table className="csv-preview__table">
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={i} scope="col" className={`csv-preview__col${role(h)}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((row, r) => (
              <tr key={r}>
                {header.map((h, i) => (
                  <td key={i} className={`csv-preview__col${role(h)}`}>
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
