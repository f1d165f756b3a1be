/**
 * The room the canvas keeps, in the window's terms (layout.css says the same in CSS: keep both in
 * step). The dock's resize clamps to it; the dock and the Problems list give way to it in CSS.
 */

/** The canvas's least height in CSS pixels. */
export const CANVAS_MIN_PX = 240;

/** The canvas's least share of the window's height. */
export const CANVAS_MIN_SHARE = 0.4;

/** Heights of the fixed rows around the centre column: top bar, status line, Problems header. */
const CHROME_PX = 48 + 28 + 34;

/** The canvas's least height in a window `windowHeight` pixels high. */
export function canvasMinHeight(windowHeight: number): number {
  return Math.max(CANVAS_MIN_PX, CANVAS_MIN_SHARE * windowHeight);
}

/** The tallest the training dock may be in such a window, so the canvas keeps its minimum. */
export function dockMaxHeight(windowHeight: number, dockMin: number): number {
  return Math.max(dockMin, Math.floor(windowHeight - CHROME_PX - canvasMinHeight(windowHeight)));
}
