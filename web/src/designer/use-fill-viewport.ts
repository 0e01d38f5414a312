import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A height that fills the viewport below wherever the element starts. The shell's top bar
 * wraps onto two lines on some widths, so a fixed "100vh minus one bar" could overflow.
 * Returns a callback ref, so it measures whenever the element appears (after loading states).
 * It measures in a resize observer's report, which comes after the browser's own layout: read in
 * React's commit, the element's position would lay the whole page out there, one long task on a
 * phone (mobile Lighthouse, issue 7). Until then the caller's fallback height applies.
 */
export function useFillViewport<T extends HTMLElement>(): [(element: T | null) => void, number | undefined] {
  const element = useRef<T | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const [height, setHeight] = useState<number>();
  const measure = useCallback(() => {
    if (!element.current) return;
    const top = element.current.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(320, window.innerHeight - top));
  }, []);
  const ref = useCallback(
    (node: T | null) => {
      observer.current?.disconnect();
      element.current = node;
      if (!node) return;
      observer.current = new ResizeObserver(measure);
      observer.current.observe(node);
    },
    [measure],
  );
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
      observer.current?.disconnect();
    };
  }, [measure]);
  return [ref, height];
}
