import { describe, expect, it } from 'vitest';
import { canvasMinHeight, dockMaxHeight } from '../../../../renderer/panels/layout-limits';

describe('the canvas minimum', () => {
  it('is 40% of the window, and never under 240 px', () => {
    expect(canvasMinHeight(700)).toBe(280);
    expect(canvasMinHeight(900)).toBe(360);
    expect(canvasMinHeight(500)).toBe(240);
  });

  it('caps the dock so the canvas keeps it beside the top bar, status line and Problems header', () => {
    // 700 − 48 − 28 − 34 − 280
    expect(dockMaxHeight(700, 180)).toBe(310);
    expect(dockMaxHeight(400, 180)).toBe(180);
  });
});
