import { codecOverhead } from './codec-overhead';

describe('codecOverhead', () => {
  it("compares this process's CPU per execution with and without the codec", () => {
    const plain = {
      cpu: [
        { program: 'temporal', ms: 20 },
        { program: 'node', ms: 10 },
        { program: 'total', ms: 30 },
      ],
    };
    const encrypted = {
      cpu: [
        { program: 'temporal', ms: 21 },
        { program: 'node', ms: 10.8 },
        { program: 'total', ms: 31.8 },
      ],
    };
    expect(codecOverhead(plain, encrypted)).toEqual({ withoutMs: 10, withMs: 10.8, ratio: 1.08 });
  });

  it('gives ratio 0 when nothing was measured, rather than dividing by zero', () => {
    expect(codecOverhead({ cpu: [] }, { cpu: [{ program: 'node', ms: 3 }] }).ratio).toBe(0);
  });
});
