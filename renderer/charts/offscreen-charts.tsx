import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ChartImage } from '../../shared/protocol/runs';
import { captureChartImages } from './chart-png';
import { ChartsGrid } from './ChartsGrid';
import type { ChartRun } from './series-base';

/** The width the charts are drawn at off screen: two columns of about 470 px, as in a wide dock. */
const WIDTH = 980;
/** How long to wait for recharts to draw before capturing what there is. */
const TIMEOUT_MS = 3000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Whether every chart under `root` that has data has drawn its lines. */
function drawn(root: HTMLElement): boolean {
  const figures = [...root.querySelectorAll<HTMLElement>('[data-chart-name]')];
  if (figures.length === 0) return false;
  return figures.every((f) => f.querySelector('.run-chart__empty') !== null || f.querySelector('svg.recharts-surface .recharts-line') !== null);
}

/**
 * The curves of `runs` as PNGs, drawn where nobody sees them: for an export while the dock is
 * folded or shows another tab, whose charts are not on screen to copy. The grid is rendered into a
 * container outside the viewport (in the document, so styles apply and recharts can measure it;
 * not `visibility: hidden`, which the SVG copy would inherit), captured, then removed.
 */
export async function captureChartsOffscreen(runs: readonly ChartRun[]): Promise<ChartImage[]> {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.className = 'offscreen-charts';
  Object.assign(host.style, { position: 'fixed', left: `-${WIDTH + 100}px`, top: '0', width: `${WIDTH}px`, pointerEvents: 'none' });
  document.body.append(host);
  const root = createRoot(host);
  try {
    flushSync(() => root.render(<ChartsGrid runs={runs} />));
    const end = performance.now() + TIMEOUT_MS;
    while (!drawn(host) && performance.now() < end) await nextFrame();
    return await captureChartImages(host);
  } finally {
    root.unmount();
    host.remove();
  }
}
