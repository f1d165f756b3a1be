import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { dockMaxHeight } from '../layout-limits';

const MIN = 180;
const KEY = 'latent-studio.dockHeight';

function initial(): number {
  const stored = Number(globalThis.localStorage?.getItem(KEY));
  const wished = Number.isFinite(stored) && stored >= MIN ? stored : 360;
  return Math.min(wished, dockMaxHeight(window.innerHeight, MIN));
}

/**
 * The training dock's height, set by dragging (or arrow keys on) its top edge and remembered on
 * this machine. The height is capped so the canvas keeps its minimum (layout-limits.ts); a window
 * made smaller later is handled in CSS, where the dock gives way.
 */
export function useDockHeight(): {
  height: number;
  separatorProps: {
    onPointerDown: (e: PointerEvent<HTMLElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
    'aria-valuenow': number;
    'aria-valuemin': number;
    'aria-valuemax': number;
  };
} {
  const [height, setHeight] = useState(initial);
  const max = () => dockMaxHeight(window.innerHeight, MIN);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const commit = useCallback((h: number) => {
    const clamped = Math.round(Math.min(max(), Math.max(MIN, h)));
    setHeight(clamped);
    try {
      localStorage.setItem(KEY, String(clamped));
    } catch {
      // Not remembered: fine.
    }
  }, []);
  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    drag.current = { y: e.clientY, h: height };
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => drag.current && commit(drag.current.h + (drag.current.y - ev.clientY));
    const up = () => {
      drag.current = null;
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'ArrowUp') commit(height + 24);
    else if (e.key === 'ArrowDown') commit(height - 24);
    else return;
    e.preventDefault();
  };
  return { height, separatorProps: { onPointerDown, onKeyDown, 'aria-valuenow': height, 'aria-valuemin': MIN, 'aria-valuemax': max() } };
}
