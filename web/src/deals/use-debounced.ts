import { useCallback, useEffect, useRef } from 'react';

/**
 * `run` at most once per burst: calls within `ms` of each other collapse into one, made
 * `ms` after the last. A burst of live events (an import's batches, a bulk move) then costs
 * one refetch, not one per event. The pending call is dropped on unmount.
 */
export function useDebounced<A extends unknown[]>(run: (...args: A) => void, ms: number): (...args: A) => void {
  const latest = useRef(run);
  latest.current = run;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (...args: A) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(...args), ms);
    },
    [ms],
  );
}
