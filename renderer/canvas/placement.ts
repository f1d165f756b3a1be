import type { XY } from '../store/index';

/** A node's usual size before React Flow has measured it. */
export const NODE_SIZE = { width: 208, height: 140 } as const;

/** Half a node's usual size: a node dropped at a point is centred on it. */
export const NODE_HALF: XY = { x: NODE_SIZE.width / 2, y: 55 };

/** A node's box on the canvas. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const GAP = 24;

function overlaps(p: XY, b: Box): boolean {
  return p.x < b.x + b.width + GAP && p.x + NODE_SIZE.width + GAP > b.x && p.y < b.y + b.height + GAP && p.y + NODE_SIZE.height + GAP > b.y;
}

/**
 * Where a node added "at the centre" lands: the centre if it is free, else the nearest free spot
 * on a grid around it (ties broken right, then down), so a new node never covers another one.
 */
export function freeSpotNear(centre: XY, taken: readonly Box[]): XY {
  const start = { x: Math.round(centre.x - NODE_HALF.x), y: Math.round(centre.y - NODE_HALF.y) };
  const free = (p: XY) => taken.every((b) => !overlaps(p, b));
  if (free(start)) return start;
  const step = { x: 60, y: 40 };
  const spots: XY[] = [];
  for (let dy = -15; dy <= 15; dy++) for (let dx = -12; dx <= 12; dx++) spots.push({ x: start.x + dx * step.x, y: start.y + dy * step.y });
  const dist = (p: XY) => Math.hypot((p.x - start.x) / 1.6, p.y - start.y);
  spots.sort((a, b) => dist(a) - dist(b) || b.x - a.x || b.y - a.y);
  return spots.find(free) ?? { x: start.x + 30, y: start.y + 30 };
}
