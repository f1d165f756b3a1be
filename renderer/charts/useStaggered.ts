import { useEffect, useState } from 'react';

/**
 * `value`, handed on `delayMs` after it changes (at once when `delayMs` is 0). The charts of a grid
 * take new data one after another rather than all in the same task: each chart's redraw is a short
 * task, where four at once would be one long enough to drop frames.
 */
export function useStaggered<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (delayMs <= 0 || shown === value) {
      if (shown !== value) setShown(() => value);
      return;
    }
    const t = setTimeout(() => setShown(() => value), delayMs);
    return () => clearTimeout(t);
  }, [value, delayMs, shown]);
  return delayMs <= 0 ? value : shown;
}
