import { useEffect, useMemo, useRef } from 'react';
import type { ImageSet } from '../../shared/protocol/runs';
import { drawImageGrid } from './image-canvas';
import { decodeImageSet, gridLayout, interleavePairs, pixelScale } from './pixels';

/** Props of {@link ReconstructionGrid}. */
export interface ReconstructionGridProps {
  /** Held-out inputs and their reconstructions, same count and order. */
  readonly inputs: ImageSet;
  readonly outputs: ImageSet;
  /** Pairs per row (default 4). */
  readonly pairsPerRow?: number;
  /** About how wide each image is drawn in CSS pixels (default 56). */
  readonly cellSize?: number;
  /** A title above the grid. */
  readonly title?: string;
  readonly meta?: string;
  /** Accessible name (default "16 held-out inputs beside their reconstructions"). */
  readonly label?: string;
  /** When set, the grid is a chart of the export under this name. */
  readonly exportName?: string;
}

const PAIR_GAP = 2;
const GROUP_GAP = 16;

/**
 * Held-out inputs beside their reconstructions: pairs side by side under "input" / "reconstruction"
 * column headers, several pairs per row, drawn crisp on one canvas.
 */
export function ReconstructionGrid({ inputs, outputs, pairsPerRow = 4, cellSize = 56, title, meta, label, exportName }: ReconstructionGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pairs = useMemo(() => interleavePairs(decodeImageSet(inputs), decodeImageSet(outputs)), [inputs, outputs]);
  const nPairs = pairs.count / 2;
  const perRow = Math.max(1, Math.min(Math.floor(pairsPerRow), nPairs));
  const scale = pixelScale(pairs.width, cellSize);
  const cellW = pairs.width * scale;
  const layout = useMemo(
    () => gridLayout({ count: pairs.count, columns: 2 * perRow, cellWidth: cellW, cellHeight: pairs.height * scale, gap: PAIR_GAP, groupSize: 2, groupGap: GROUP_GAP }),
    [pairs, perRow, cellW, scale],
  );
  useEffect(() => {
    if (canvasRef.current) drawImageGrid(canvasRef.current, pairs, layout, scale);
  }, [pairs, layout, scale]);
  // "reconstruction" needs about 80 px: narrower cells get short headers.
  const [inText, outText] = cellW < 80 ? ['in', 'out'] : ['input', 'reconstruction'];
  const name = label ?? `${nPairs} held-out input${nPairs === 1 ? '' : 's'} beside ${nPairs === 1 ? 'its reconstruction' : 'their reconstructions'}`;

  return (
    <figure className="run-images run-recon" role="figure" aria-label={name} data-chart-name={exportName} data-chart-title={exportName ? (title ?? name) : undefined}>
      {title !== undefined && (
        <div className="run-chart__header">
          <h3 className="run-chart__title">{title}</h3>
          {meta && <span className="run-chart__meta">{meta}</span>}
        </div>
      )}
      {nPairs === 0 ? (
        <div className="run-images__empty" role="status">
          No reconstructions yet
        </div>
      ) : (
        <div className="run-recon__body" style={{ width: layout.width }}>
          <div className="run-recon__headers" aria-hidden="true">
            {Array.from({ length: perRow }, (_, g) => (
              <div key={g} className="run-recon__pair-header" style={{ width: 2 * cellW + PAIR_GAP, marginLeft: g > 0 ? GROUP_GAP : 0, columnGap: PAIR_GAP }}>
                <span style={{ width: cellW }}>{inText}</span>
                <span style={{ width: cellW }}>{outText}</span>
              </div>
            ))}
          </div>
          <canvas ref={canvasRef} className="run-images__canvas" role="img" aria-label={name} data-chart-plot="" data-pixelated="" />
        </div>
      )}
    </figure>
  );
}
