import { useMemo, useState } from 'react';
import { CATALOG, type Category } from '../../../shared/graph/index';
import { PaletteEntry } from './PaletteEntry';

/** The palette's groups, in order, with their headings. */
export const PALETTE_GROUPS: readonly { readonly category: Category; readonly title: string }[] = [
  { category: 'data', title: 'Data' },
  { category: 'network', title: 'Networks' },
  { category: 'distribution', title: 'Distributions' },
  { category: 'parameter', title: 'Parameters' },
];

/** Props of {@link Palette}. */
export interface PaletteProps {
  readonly onAdd: (kind: string) => void;
}

/** The left palette: every catalog kind, grouped Data / Networks / Distributions / Parameters, with a filter. */
export function Palette({ onAdd }: PaletteProps) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return PALETTE_GROUPS.map((g) => ({
      ...g,
      kinds: CATALOG.filter((k) => k.category === g.category && (!f || k.displayName.toLowerCase().includes(f) || k.description.toLowerCase().includes(f))),
    })).filter((g) => g.kinds.length > 0);
  }, [filter]);
  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette__search">
        <input
          className="input"
          type="search"
          placeholder="Filter nodes"
          aria-label="Filter nodes"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
      </div>
      {groups.map((g) => (
        <section key={g.category} className={`palette__group palette__group--${g.category}`} aria-labelledby={`palette-${g.category}`}>
          <h2 className="palette__heading" id={`palette-${g.category}`}>
            <span className={`swatch swatch--${g.category}`} aria-hidden="true" />
            {g.title}
          </h2>
          <ul className="palette__list">
            {g.kinds.map((k) => (
              <PaletteEntry key={k.kind} kind={k} onAdd={onAdd} />
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 ? <p className="palette__empty">No node matches “{filter}”.</p> : null}
      <p className="palette__tip">Click to add at the centre, or drag onto the canvas.</p>
    </nav>
  );
}
