import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterPaint } from './use-after-paint';

function Probe({ ready }: { ready: boolean }) {
  return <span data-testid="probe">{String(useAfterPaint(ready))}</span>;
}

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const shown = (view: ReturnType<typeof render>) => view.getByTestId('probe').textContent;

describe('useAfterPaint', () => {
  it('turns true only after a frame has been painted with ready, and stays true', async () => {
    const view = render(<Probe ready={false} />);
    expect(frames).toHaveLength(0);
    view.rerender(<Probe ready />);
    expect(shown(view)).toBe('false');
    expect(frames).toHaveLength(1);
    // The frame callback runs before the paint: still false until the task queued from it.
    act(() => frames[0]!(0));
    expect(shown(view)).toBe('false');
    await act(async () => vi.runAllTimersAsync());
    expect(shown(view)).toBe('true');
    view.rerender(<Probe ready={false} />);
    expect(shown(view)).toBe('true');
  });

  it('turns true at once in a hidden document, which paints no frames', async () => {
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const view = render(<Probe ready />);
    await act(async () => vi.runAllTimersAsync());
    expect(frames).toHaveLength(0);
    expect(shown(view)).toBe('true');
  });
});
