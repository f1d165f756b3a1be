import { memo, type DragEvent } from 'react';
import type { NodeKind } from '../../../shared/graph/index';
import { KIND_MIME } from './dragKind';

/** Props of {@link PaletteEntry}. */
export interface PaletteEntryProps {
  readonly kind: NodeKind<any>;
  /** Adds a node of this kind at the centre of the visible canvas. */
  readonly onAdd: (kind: string) => void;
}

/**
 * One node kind of the palette: a button named exactly by the kind's display name (its
 * description is the tooltip). Click adds the node; drag it onto the canvas to drop it there.
 */
export const PaletteEntry = memo(function PaletteEntry({ kind, onAdd }: PaletteEntryProps) {
  const onDragStart = (e: DragEvent<HTMLButtonElement>) => {
    e.dataTransfer.setData(KIND_MIME, kind.kind);
    e.dataTransfer.setData('text/plain', kind.displayName);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li className="palette__item">
      <button
        type="button"
        className={`palette__entry palette__entry--${kind.category}`}
        title={kind.description}
        draggable
        onDragStart={onDragStart}
        onClick={() => onAdd(kind.kind)}
        data-kind={kind.kind}
      >
        {kind.displayName}
      </button>
    </li>
  );
});
