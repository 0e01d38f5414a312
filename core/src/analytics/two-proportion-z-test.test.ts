import { erfc, twoProportionZTest, twoSidedPValue } from './two-proportion-z-test';

describe('two-proportion z-test', () => {
  it('matches reference values of the normal distribution', () => {
    // Known quantiles: 1.959964 is the two-sided 5% point, 2.575829 the 1% point.
    expect(twoSidedPValue(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedPValue(2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedPValue(0)).toBeCloseTo(1, 6);
    expect(twoSidedPValue(-1)).toBeCloseTo(0.3173105, 6);
    expect(erfc(-0.5)).toBeCloseTo(1.5204999, 6);
  });

  it('computes z and p for a textbook example', () => {
    // 200/1000 vs 250/1000: pooled 0.225, SE = sqrt(0.225*0.775*0.002) = 0.018675, z = 2.6774.
    const result = twoProportionZTest({ trials: 1000, conversions: 200 }, { trials: 1000, conversions: 250 });
    if ('unavailable' in result) throw new Error('expected a result');
    expect(result.rateA).toBe(0.2);
    expect(result.rateB).toBe(0.25);
    expect(result.relativeLift).toBeCloseTo(0.25, 10);
    expect(result.z).toBeCloseTo(2.6774, 3);
    expect(result.pValue).toBeCloseTo(0.00742, 4);
    expect(result.significant).toBe(true);
  });

  it('is symmetric: swapping the variants flips z and keeps p', () => {
    const ab = twoProportionZTest({ trials: 120, conversions: 18 }, { trials: 130, conversions: 25 });
    const ba = twoProportionZTest({ trials: 130, conversions: 25 }, { trials: 120, conversions: 18 });
    if ('unavailable' in ab || 'unavailable' in ba) throw new Error('expected results');
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    expect(ab.significant).toBe(false);
  });

  it('says when no test is possible, and when A had no conversions to compare against', () => {
    expect(twoProportionZTest({ trials: 0, conversions: 0 }, { trials: 10, conversions: 1 })).toEqual({
      unavailable: 'no_trials',
    });
    expect(twoProportionZTest({ trials: 10, conversions: 0 }, { trials: 10, conversions: 0 })).toEqual({
      unavailable: 'no_variance',
    });
    const fromZero = twoProportionZTest({ trials: 50, conversions: 0 }, { trials: 50, conversions: 10 });
    expect(fromZero).toMatchObject({ relativeLift: null, significant: true });
  });

  it('honours alpha and refuses impossible samples', () => {
    const result = twoProportionZTest({ trials: 500, conversions: 50 }, { trials: 500, conversions: 68 }, 0.1);
    if ('unavailable' in result) throw new Error('expected a result');
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.pValue).toBeLessThan(0.1);
    expect(result.significant).toBe(true);
    expect(() => twoProportionZTest({ trials: 5, conversions: 6 }, { trials: 5, conversions: 1 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ trials: 5.5, conversions: 1 }, { trials: 5, conversions: 1 })).toThrow(
      RangeError,
    );
  });
});
