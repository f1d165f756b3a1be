import type { ChartImage } from '../../shared/protocol/runs';
import { bytesToBase64 } from './base64';
import { uniqueChartStems } from './chart-names';

/**
 * Charts to PNG, inside the page's CSP (`img-src 'self' data: blob:`): a chart's SVG is cloned with
 * its computed styles inlined (an SVG drawn as an image sees no page style sheet), loaded from a
 * blob: URL into an Image, and drawn on a canvas at twice the CSS size over the surface colour,
 * below the chart's title and above its legend. Canvas plots (latent maps, 2-D samples) are copied
 * the same way. Nothing taints the canvas: every image is same-origin.
 *
 * What a chart element provides (the run panel's charts all do):
 * - `data-chart-name` on its root: the PNG's file stem ("elbo"), found by {@link captureChartImages};
 * - `data-chart-title`: the title drawn at the top;
 * - `[data-chart-plot]`: the element holding the chart's `<svg>` or `<canvas>` (a canvas with
 *   `data-pixelated` is copied nearest-neighbour);
 * - `[data-legend-item]` elements with `data-color`, optional `data-dash` and `data-shape`
 *   (`line` or `dot`) and the entry's name as text.
 */

/** Options of a capture. */
export interface PngOptions {
  /** Canvas pixels per CSS pixel (default 2). */
  readonly scale?: number;
  /** Background colour (default: the page's `--surface`, else white). */
  readonly background?: string;
}

/** Computed style properties copied onto the SVG clone: what the charts' style sheets set. */
const SVG_STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
] as const;

/** Parts of a live chart that are interaction state, not the chart. */
const TRANSIENT = '.recharts-tooltip-cursor, .recharts-active-dot, .recharts-tooltip-wrapper';

/**
 * A standalone SVG document of `svg`: a deep clone with the computed styles of every element inlined,
 * explicit size and namespaces, and the tooltip cursor and active dots removed.
 */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const rect = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width || svg.width.baseVal.value));
  const height = Math.max(1, Math.round(rect.height || svg.height.baseVal.value));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  for (let i = 0; i < source.length; i++) {
    const from = source[i]!;
    const to = target[i] as SVGElement | HTMLElement | undefined;
    if (!to || !('style' in to)) continue;
    const computed = getComputedStyle(from);
    for (const prop of SVG_STYLE_PROPS) {
      const value = computed.getPropertyValue(prop);
      if (value !== '') to.style.setProperty(prop, value);
    }
  }
  for (const el of clone.querySelectorAll(TRANSIENT)) el.remove();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.removeAttribute('tabindex');
  clone.style.removeProperty('outline');
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/** Loads SVG text as an image through a blob: URL (allowed by `img-src blob:`). */
async function loadSvgImage(text: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image (blocked by the page’s Content-Security-Policy img-src, or invalid SVG).'));
      image.src = url;
    });
    return image;
  } finally {
    // The image keeps its decoded pixels; the URL is no longer needed once loaded.
    queueMicrotask(() => URL.revokeObjectURL(url));
  }
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not be encoded as PNG.'))), 'image/png');
  });
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** A legend entry read from the DOM. */
interface LegendEntry {
  readonly name: string;
  readonly color: string;
  readonly dash: number[];
  readonly shape: 'line' | 'dot';
}

function legendOf(root: Element): LegendEntry[] {
  return [...root.querySelectorAll<HTMLElement>('[data-legend-item]')].map((el) => ({
    name: (el.textContent ?? '').trim(),
    color: el.dataset.color ?? '#000',
    dash: (el.dataset.dash ?? '').split(/[\s,]+/).filter(Boolean).map(Number),
    shape: el.dataset.shape === 'dot' ? 'dot' : 'line',
  }));
}

/** The legend laid out in rows that fit `width`: positions of each entry. */
function layoutLegend(ctx: CanvasRenderingContext2D, entries: readonly LegendEntry[], width: number, x0: number): { rows: { entry: LegendEntry; x: number }[][] } {
  const rows: { entry: LegendEntry; x: number }[][] = [];
  let row: { entry: LegendEntry; x: number }[] = [];
  let x = x0;
  for (const entry of entries) {
    const w = 22 + ctx.measureText(entry.name).width + 16;
    if (row.length > 0 && x + w > x0 + width) {
      rows.push(row);
      row = [];
      x = x0;
    }
    row.push({ entry, x });
    x += w;
  }
  if (row.length > 0) rows.push(row);
  return { rows };
}

/** The plot of a chart element: its SVG (recharts) or canvas. */
function plotOf(root: Element): SVGSVGElement | HTMLCanvasElement | null {
  const plot = root.querySelector('[data-chart-plot]') ?? root;
  if (plot instanceof SVGSVGElement || plot instanceof HTMLCanvasElement) return plot;
  return plot.querySelector<SVGSVGElement>('svg.recharts-surface') ?? plot.querySelector('canvas') ?? plot.querySelector('svg');
}

/**
 * A chart element (see the module's notes) as a PNG: title, plot and legend on the surface colour,
 * at `scale` × its CSS size. Throws when the element has no plot or the SVG cannot be loaded.
 */
export async function chartToPngBlob(root: HTMLElement, options: PngOptions = {}): Promise<Blob> {
  const plot = plotOf(root);
  if (!plot) throw new Error('This chart has nothing drawn to save.');
  const scale = options.scale ?? 2;
  const background = options.background ?? cssVar('--surface', '#ffffff');
  const textColor = cssVar('--text', '#1d2330');
  const text2 = cssVar('--text-2', '#556070');
  const font = getComputedStyle(root).fontFamily || 'sans-serif';

  let image: CanvasImageSource;
  let plotW: number;
  let plotH: number;
  if (plot instanceof HTMLCanvasElement) {
    const rect = plot.getBoundingClientRect();
    image = plot;
    plotW = Math.max(1, Math.round(rect.width));
    plotH = Math.max(1, Math.round(rect.height));
  } else {
    const svg = serializeSvg(plot);
    image = await loadSvgImage(svg.text);
    plotW = svg.width;
    plotH = svg.height;
  }

  const title = root.dataset.chartTitle ?? '';
  const legend = legendOf(root);
  const pad = 16;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('Canvas 2D is not available.');
  measure.font = `12px ${font}`;
  const width = plotW + 2 * pad;
  const { rows } = layoutLegend(measure, legend, plotW, pad);
  const titleH = title ? 26 : 0;
  const legendH = rows.length * 20 + (rows.length > 0 ? 6 : 0);
  const height = pad + titleH + plotH + legendH + pad;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available.');
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  if (title) {
    ctx.fillStyle = textColor;
    ctx.font = `600 14px ${font}`;
    ctx.textBaseline = 'top';
    ctx.fillText(title, pad, pad);
  }
  // Pixel images (digit grids) are copied nearest-neighbour, like the screen shows them.
  ctx.imageSmoothingEnabled = !(plot instanceof HTMLCanvasElement && plot.dataset.pixelated !== undefined);
  ctx.drawImage(image, pad, pad + titleH, plotW, plotH);
  ctx.imageSmoothingEnabled = true;

  ctx.font = `12px ${font}`;
  ctx.textBaseline = 'middle';
  rows.forEach((row, r) => {
    const y = pad + titleH + plotH + 6 + r * 20 + 10;
    for (const { entry, x } of row) {
      ctx.strokeStyle = entry.color;
      ctx.fillStyle = entry.color;
      if (entry.shape === 'dot') {
        ctx.beginPath();
        ctx.arc(x + 8, y, 4, 0, 2 * Math.PI);
        ctx.fill();
      } else {
        ctx.lineWidth = 2;
        ctx.setLineDash(entry.dash);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 16, y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = text2;
      ctx.fillText(entry.name, x + 22, y);
    }
  });
  return canvasToBlob(canvas);
}

/** Base64 of a blob's bytes (a PNG for the export). */
export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** A chart element as PNG base64. */
export async function chartToPngBase64(root: HTMLElement, options: PngOptions = {}): Promise<string> {
  return blobToBase64(await chartToPngBlob(root, options));
}

/** Saves a blob as a download named `fileName`, through an object URL and an `<a download>`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Save PNG": the chart element downloaded as `<data-chart-name>.png`. */
export async function downloadChartPng(root: HTMLElement, options: PngOptions = {}): Promise<void> {
  const [stem] = uniqueChartStems([root.dataset.chartName ?? 'chart']);
  downloadBlob(await chartToPngBlob(root, options), `${stem}.png`);
}

/**
 * Every chart on screen (elements with `data-chart-name` under `root`, in document order) as
 * `{ name, png }` for the export: names made file-safe and unique, PNGs base64. A chart that cannot
 * be drawn (no plot yet: an empty chart) is left out.
 */
export async function captureChartImages(root: ParentNode = document, options: PngOptions = {}): Promise<ChartImage[]> {
  const elements = [...root.querySelectorAll<HTMLElement>('[data-chart-name]')].filter((el) => plotOf(el) !== null && el.getClientRects().length > 0);
  const stems = uniqueChartStems(elements.map((el) => el.dataset.chartName ?? 'chart'));
  const out: ChartImage[] = [];
  for (let i = 0; i < elements.length; i++) {
    out.push({ name: stems[i]!, png: await chartToPngBase64(elements[i]!, options) });
  }
  return out;
}

/**
 * {@link captureChartImages} over the whole document: what the Export dialog calls to write every
 * chart on screen as `charts/<name>.png`.
 */
export function collectChartImages(): Promise<ChartImage[]> {
  return captureChartImages(document);
}
