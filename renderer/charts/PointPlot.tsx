import { useEffect, useRef } from 'react';
import { extentOf, formatPlotTick, linearAxis, type Extent } from './plot-scale';
import { useElementWidth } from './useElementWidth';

/** A set of points drawn in one pass: all one colour, or one colour per point. */
export interface PointLayer {
  /** `[x0, y0, x1, y1, …]`. */
  readonly points: readonly number[];
  readonly color: string;
  /** A colour per point (overrides `color`). */
  readonly colors?: readonly string[];
  /** Radius in CSS pixels (default 2). */
  readonly radius?: number;
  /** Opacity (default 0.75). */
  readonly alpha?: number;
}

/** Props of {@link PointPlot}. */
export interface PointPlotProps {
  /** Drawn in order: the first beneath. */
  readonly layers: readonly PointLayer[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Accessible name of the plot (a canvas, `role="img"`). */
  readonly ariaLabel: string;
  /** Height in CSS pixels (default 260); the width fills the container. */
  readonly height?: number;
  /** Data rectangle to show (default: all layers' points). */
  readonly extent?: Extent;
}

const MARGIN = { left: 50, right: 12, top: 10, bottom: 38 };

/**
 * A 2-D scatter on a canvas (thousands of points stay cheap), with grid, ticks and axis titles drawn
 * in the app's colours and font at the device's pixel ratio. Carries `data-chart-plot` so the PNG
 * export copies it.
 */
export function PointPlot({ layers, xLabel, yLabel, ariaLabel, height = 260, extent }: PointPlotProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    // At least 2× so a saved PNG (drawn at 2×) is as sharp as the screen of a HiDPI display.
    const dpr = Math.max(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    drawPlot(ctx, canvas, width, height, layers, xLabel, yLabel, extent);
  }, [width, height, layers, xLabel, yLabel, extent]);

  return (
    <div ref={wrapRef} className="run-points" style={{ height }}>
      <canvas ref={canvasRef} className="run-points__canvas" role="img" aria-label={ariaLabel} data-chart-plot="" style={{ width: '100%', height }} />
    </div>
  );
}

function drawPlot(
  ctx: CanvasRenderingContext2D,
  el: HTMLElement,
  width: number,
  height: number,
  layers: readonly PointLayer[],
  xLabel: string,
  yLabel: string,
  extentProp: Extent | undefined,
): void {
  const style = getComputedStyle(el);
  const font = style.fontFamily || 'sans-serif';
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const gridColor = v('--border', '#e2e5ea');
  const axisColor = v('--border-strong', '#cfd4dc');
  const tickColor = v('--text-2', '#556070');

  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const extent = extentProp ?? extentOf(...layers.map((l) => l.points)) ?? { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const xAxis = linearAxis(extent.xMin, extent.xMax, Math.max(2, Math.round(plotW / 70)));
  const yAxis = linearAxis(extent.yMin, extent.yMax, Math.max(2, Math.round(plotH / 45)));
  const [x0, x1] = xAxis.domain;
  const [y0, y1] = yAxis.domain;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotH;
  const crisp = (c: number) => Math.round(c) + 0.5;

  // Grid and frame.
  ctx.lineWidth = 1;
  ctx.strokeStyle = gridColor;
  ctx.beginPath();
  for (const t of xAxis.ticks) {
    const x = crisp(px(t));
    ctx.moveTo(x, MARGIN.top);
    ctx.lineTo(x, MARGIN.top + plotH);
  }
  for (const t of yAxis.ticks) {
    const y = crisp(py(t));
    ctx.moveTo(MARGIN.left, y);
    ctx.lineTo(MARGIN.left + plotW, y);
  }
  ctx.stroke();
  ctx.strokeStyle = axisColor;
  ctx.beginPath();
  ctx.moveTo(MARGIN.left, crisp(MARGIN.top + plotH));
  ctx.lineTo(MARGIN.left + plotW, crisp(MARGIN.top + plotH));
  ctx.stroke();

  // Ticks.
  ctx.fillStyle = tickColor;
  ctx.font = `11px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xAxis.ticks) ctx.fillText(formatPlotTick(t), px(t), MARGIN.top + plotH + 5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yAxis.ticks) ctx.fillText(formatPlotTick(t), MARGIN.left - 6, py(t));

  // Axis titles.
  ctx.font = `11px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xLabel, MARGIN.left + plotW / 2, height - 2);
  ctx.save();
  ctx.translate(11, MARGIN.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();

  // Points, clipped to the plot.
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, plotW, plotH);
  ctx.clip();
  for (const layer of layers) {
    const r = layer.radius ?? 2;
    ctx.globalAlpha = layer.alpha ?? 0.75;
    const pts = layer.points;
    const n = Math.floor(pts.length / 2);
    if (layer.colors) {
      for (let i = 0; i < n; i++) {
        const x = pts[2 * i]!;
        const y = pts[2 * i + 1]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        ctx.fillStyle = layer.colors[i] ?? layer.color;
        ctx.beginPath();
        ctx.arc(px(x), py(y), r, 0, 2 * Math.PI);
        ctx.fill();
      }
    } else {
      ctx.fillStyle = layer.color;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const x = pts[2 * i]!;
        const y = pts[2 * i + 1]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const cx = px(x);
        const cy = py(y);
        ctx.moveTo(cx + r, cy);
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
  }
  ctx.restore();
  ctx.globalAlpha = 1;
}
