import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A height that fills the viewport below wherever the element starts. The shell's top bar
 * wraps onto two lines on narrow screens, so a fixed "100vh minus one bar" would overflow.
 * Returns a callback ref, so it measures whenever the element appears (after loading states).
 */
export function useFillViewport<T extends HTMLElement>(): [(element: T | null) => void, number | undefined] {
  const element = useRef<T | null>(null);
  const [height, setHeight] = useState<number>();
  const measure = useCallback(() => {
    if (!element.current) return;
    const top = element.current.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(320, window.innerHeight - top));
  }, []);
  const ref = useCallback(
    (node: T | null) => {
      element.current = node;
      measure();
    },
    [measure],
  );
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return [ref, height];
}
