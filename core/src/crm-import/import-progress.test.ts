import { importProgressOf } from './import';

describe('importProgressOf', () => {
  it('is the share of rows done', () => {
    expect(importProgressOf({ total: 400, done: 100 })).toBe(0.25);
    expect(importProgressOf({ total: 3, done: 3 })).toBe(1);
  });

  it('calls an empty file done and never passes 1', () => {
    expect(importProgressOf({ total: 0, done: 0 })).toBe(1);
    expect(importProgressOf({ total: 2, done: 5 })).toBe(1);
  });
});
