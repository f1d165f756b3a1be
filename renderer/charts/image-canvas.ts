import type { DecodedImages, GridLayout } from './pixels';
import { imageRgba } from './pixels';

/**
 * Draws decoded greyscale images into `canvas` at the cells of `layout`, each scaled by a whole
 * number of screen pixels per image pixel with nearest-neighbour sampling (crisp digits), at the
 * device's pixel ratio. The canvas's CSS size is the layout's.
 */
export function drawImageGrid(canvas: HTMLCanvasElement, images: DecodedImages, layout: GridLayout, scale: number): void {
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(layout.width * dpr));
  canvas.height = Math.max(1, Math.round(layout.height * dpr));
  canvas.style.width = `${layout.width}px`;
  canvas.style.aspectRatio = `${layout.width} / ${layout.height}`;
  const ctx = canvas.getContext('2d');
  if (!ctx || images.count === 0) return;
  const { width: w, height: h } = images;
  // Every image side by side at its own size, then copied to its cell scaled.
  const strip = document.createElement('canvas');
  strip.width = w * images.count;
  strip.height = h;
  const sctx = strip.getContext('2d');
  if (!sctx) return;
  for (let i = 0; i < images.count; i++) sctx.putImageData(new ImageData(imageRgba(images, i), w, h), i * w, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  layout.cells.forEach((cell, i) => {
    if (i >= images.count) return;
    ctx.drawImage(strip, i * w, 0, w, h, Math.round(cell.x * dpr), Math.round(cell.y * dpr), Math.round(w * scale * dpr), Math.round(h * scale * dpr));
  });
}
