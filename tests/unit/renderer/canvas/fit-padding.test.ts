import { describe, expect, it } from 'vitest';
import { fitPadding, FIT_MAX_ZOOM, MINIMAP_SIZE, PANEL_MARGIN } from '../../../../renderer/canvas/fit-padding';

const zoomOf = (canvas: { width: number; height: number }, graph: { width: number; height: number }, p: ReturnType<typeof fitPadding>) =>
  Math.min((canvas.width - p.left - p.right) / graph.width, (canvas.height - p.top - p.bottom) / graph.height, FIT_MAX_ZOOM);

describe('fitPadding', () => {
  it('gives the usual 0.2 room on every side without a minimap', () => {
    expect(fitPadding({ width: 1200, height: 600 }, { width: 800, height: 300 }, null)).toEqual({ top: 50, right: 100, bottom: 50, left: 100 });
  });

  it('keeps the zoom controls\' column free on the left of a narrow canvas', () => {
    expect(fitPadding({ width: 400, height: 300 }, { width: 800, height: 300 }, null).left).toBeGreaterThanOrEqual(15 + 26);
  });

  it('keeps the minimap free below a wide graph in a tall canvas', () => {
    const p = fitPadding({ width: 500, height: 600 }, { width: 900, height: 300 }, MINIMAP_SIZE);
    expect(p.bottom).toBeGreaterThanOrEqual(MINIMAP_SIZE.height + PANEL_MARGIN);
    expect(p.right).toBeLessThan(MINIMAP_SIZE.width);
  });

  it('keeps the minimap free beside a tall graph in a wide, low canvas', () => {
    const p = fitPadding({ width: 1000, height: 280 }, { width: 600, height: 400 }, MINIMAP_SIZE);
    expect(p.right).toBeGreaterThanOrEqual(MINIMAP_SIZE.width + PANEL_MARGIN);
    expect(p.bottom).toBeLessThan(MINIMAP_SIZE.height);
  });

  it('chooses the side that leaves the graph bigger', () => {
    const canvas = { width: 700, height: 420 };
    const graph = { width: 640, height: 330 };
    const chosen = zoomOf(canvas, graph, fitPadding(canvas, graph, MINIMAP_SIZE));
    const base = fitPadding(canvas, graph, null);
    expect(base.left).toBe(58);
    const below = { ...base, bottom: Math.max(base.bottom, MINIMAP_SIZE.height + PANEL_MARGIN + 8) };
    const beside = { ...base, right: Math.max(base.right, MINIMAP_SIZE.width + PANEL_MARGIN + 8) };
    expect(chosen).toBe(Math.max(zoomOf(canvas, graph, below), zoomOf(canvas, graph, beside)));
  });
});
