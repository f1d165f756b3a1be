import type { FitViewOptions, Node } from '@xyflow/react';

/** The minimap's size on screen, and React Flow's margin around its panels (CSS pixels). */
export const MINIMAP_SIZE = { width: 150, height: 100 } as const;
export const PANEL_MARGIN = 15;
/** The zoom controls' column at the bottom left (React Flow's 26 px buttons). */
export const CONTROLS_WIDTH = 26;

/** A fit's greatest zoom: small graphs are not blown up past this. */
export const FIT_MAX_ZOOM = 1.1;

/** The room around the graph in a fit, as a share of the canvas (React Flow's `padding: 0.2`). */
const SHARE = 0.2;
/** Room between the minimap and the nearest node. */
const GAP = 8;

type Box = { readonly width: number; readonly height: number };
type Sides = { top: number; right: number; bottom: number; left: number };

/** React Flow's pixels for a numeric padding (parsePadding in @xyflow/system). */
const share = (size: number) => Math.floor((size - size / (1 + SHARE)) * 0.5);

function zoomWith(canvas: Box, graph: Box, p: Sides): number {
  const x = (canvas.width - p.left - p.right) / Math.max(1, graph.width);
  const y = (canvas.height - p.top - p.bottom) / Math.max(1, graph.height);
  return Math.min(x, y, FIT_MAX_ZOOM);
}

/**
 * The padding of a fit that keeps every node off the minimap in the bottom-right corner: the
 * usual room on every side, and the minimap's height kept free at the bottom or its width at the
 * right, whichever leaves the graph bigger (a wide graph in a tall canvas has room to spare below,
 * a tall one at the side). React Flow centres the graph and moves it only as far as the paddings
 * ask, so a small graph stays centred. Without a minimap, the usual room; the zoom controls'
 * column is kept free on the left either way.
 */
export function fitPadding(canvas: Box, graph: Box, minimap: Box | null): Sides {
  // The zoom controls' column stays free on the left: in a narrow canvas the usual room is less.
  const left = Math.max(share(canvas.width), PANEL_MARGIN + CONTROLS_WIDTH + GAP);
  const base: Sides = { top: share(canvas.height), right: share(canvas.width), bottom: share(canvas.height), left };
  if (!minimap) return base;
  const below: Sides = { ...base, bottom: Math.max(base.bottom, minimap.height + PANEL_MARGIN + GAP) };
  const beside: Sides = { ...base, right: Math.max(base.right, minimap.width + PANEL_MARGIN + GAP) };
  return zoomWith(canvas, graph, beside) > zoomWith(canvas, graph, below) ? beside : below;
}

/** {@link fitPadding} as React Flow's fitView options. */
export function fitOptions<N extends Node = Node>(canvas: Box, graph: Box, minimap: Box | null, duration?: number): FitViewOptions<N> {
  const p = fitPadding(canvas, graph, minimap);
  return {
    padding: { top: `${p.top}px`, right: `${p.right}px`, bottom: `${p.bottom}px`, left: `${p.left}px` },
    maxZoom: FIT_MAX_ZOOM,
    ...(duration ? { duration } : {}),
  };
}
