import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useDebounced } from './use-debounced';

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collapses a burst into one call with the last arguments, made after the quiet time', () => {
    const run = vi.fn();
    const { result } = renderHook(() => useDebounced(run, 200));
    result.current('a');
    vi.advanceTimersByTime(150);
    result.current('b');
    vi.advanceTimersByTime(150);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(run.mock.calls).toEqual([['b']]);
  });

  it('drops the pending call on unmount', () => {
    const run = vi.fn();
    const { result, unmount } = renderHook(() => useDebounced(run, 200));
    result.current();
    unmount();
    vi.advanceTimersByTime(500);
    expect(run).not.toHaveBeenCalled();
  });
});
