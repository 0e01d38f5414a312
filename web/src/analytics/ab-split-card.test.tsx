import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { twoProportionZTest, type AbSplitResult } from '@cadenza/core';
import { AbSplitCard } from './ab-split-card';

afterEach(cleanup);

/** A split result as the API builds it, from the same pure test the API uses. */
function splitOf(a: [number, number], b: [number, number], alpha = 0.05): AbSplitResult {
  const result = twoProportionZTest({ trials: a[0], conversions: a[1] }, { trials: b[0], conversions: b[1] }, alpha);
  return {
    nodeId: 'split',
    label: 'Subject line test',
    variants: [
      { handle: 'a', entered: a[0], conversions: a[1], rate: a[0] ? a[1] / a[0] : 0 },
      { handle: 'b', entered: b[0], conversions: b[1], rate: b[0] ? b[1] / b[0] : 0 },
    ],
    comparisons: [
      'unavailable' in result
        ? { handle: 'b', control: 'a', unavailable: result.unavailable }
        : { handle: 'b', control: 'a', ...result },
    ],
  };
}

describe('A/B split card', () => {
  it('shows each variant’s rate and calls a significant winner', () => {
    render(<AbSplitCard split={splitOf([1000, 200], [1000, 250])} alpha={0.05} />);
    expect(screen.getByText('Subject line test')).toBeTruthy();
    expect(screen.getByText('20.0% · 200/1000')).toBeTruthy();
    expect(screen.getByText('25.0% · 250/1000')).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'b conversion rate' }).getAttribute('aria-valuenow')).toBe('25');
    const verdict = screen.getByRole('alert');
    expect(verdict.textContent).toBe('b: +25% vs a, significant (p = 0.007, α = 0.05).');
    expect(verdict.className).toContain('Success');
  });

  it('does not call a winner on a small sample, however large the lift', () => {
    render(<AbSplitCard split={splitOf([10, 2], [10, 6])} alpha={0.05} />);
    expect(screen.getByRole('alert').textContent).toBe('b: +200% vs a, not significant (p = 0.068, α = 0.05).');
  });

  it('explains when there is nothing to test yet', () => {
    render(<AbSplitCard split={splitOf([0, 0], [3, 1])} alpha={0.05} />);
    expect(screen.getByRole('alert').textContent).toContain('No test yet');
  });
});
