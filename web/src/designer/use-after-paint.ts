import { startTransition, useEffect, useState } from 'react';

/**
 * False until a frame has been painted with `ready` true, then true for good (set as a
 * transition). A part of the page that is costly to mount waits behind it, so the rest is on
 * screen first: the canvas's first mount is one task of about 100 ms on a phone (xyflow measures
 * every step and draws again), and the toolbar and the side panel waited for it (mobile largest
 * contentful paint, issue 7). A hidden document paints no frames, so there it turns true at once.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!ready || shown) return;
    const show = () => startTransition(() => setShown(true));
    if (document.visibilityState === 'hidden') return show();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(show, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, shown]);
  return shown;
}
