import { describe, expect, it } from 'vitest';
import { formatPValue, verdictOf } from './significance';

describe('significance verdicts', () => {
  it('calls a significant positive difference a winner and a negative one a loser', () => {
    expect(
      verdictOf({ handle: 'b', control: 'a', z: 2.68, pValue: 0.0074, significant: true, relativeLift: 0.25 }, 0.05),
    ).toEqual({ tone: 'winner', text: 'b: +25% vs a, significant (p = 0.007, α = 0.05).' });
    expect(
      verdictOf({ handle: 'c', control: 'a', z: -3.5, pValue: 0.0002, significant: true, relativeLift: -0.4 }, 0.05),
    ).toEqual({ tone: 'loser', text: 'c: −40% vs a, significant (p < 0.001, α = 0.05).' });
  });

  it('never calls an insignificant difference a winner, and explains missing tests', () => {
    expect(
      verdictOf({ handle: 'b', control: 'a', z: 1.83, pValue: 0.0679, significant: false, relativeLift: 2 }, 0.05).tone,
    ).toBe('inconclusive');
    expect(verdictOf({ handle: 'b', control: 'a', unavailable: 'no_trials' }, 0.05).text).toContain('no contacts');
    expect(
      verdictOf({ handle: 'b', control: 'a', z: 3, pValue: 0.003, significant: true, relativeLift: null }, 0.05).text,
    ).toBe('b: converts where a did not, significant (p = 0.003, α = 0.05).');
    expect(formatPValue(0.5)).toBe('0.500');
  });
});
