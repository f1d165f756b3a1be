import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether an element's content is wider than the element (it then scrolls sideways and must be
 * reachable by the keyboard to be scrolled). Watched as the element or its content resizes.
 */
export function useOverflows(ref: RefObject<HTMLElement | null>, content: unknown): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref, content]);
  return overflows;
}
