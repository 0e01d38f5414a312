import { seededRandom, strikePoints } from './seeded-random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(new Set(first).size).toBe(100);
  });

  it('gives sorted strike points inside the range', () => {
    const points = strikePoints(seededRandom(7), 20, 0.1, 0.9);
    expect(points).toHaveLength(20);
    expect([...points].sort((x, y) => x - y)).toEqual(points);
    expect(points.every((p) => p >= 0.1 && p < 0.9)).toBe(true);
  });
});
