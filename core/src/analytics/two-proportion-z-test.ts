/**
 * Two-proportion z-test: is variant B's conversion rate different from variant A's by more
 * than chance would explain? Pure, so the API and its tests agree on every figure.
 */

export interface ProportionSample {
  /** Contacts that took this way through the split. */
  trials: number;
  /** Of those, how many converted. */
  conversions: number;
}

export interface ZTestResult {
  rateA: number;
  rateB: number;
  /** (rateB - rateA) / rateA; null when A converted nobody (no base to compare against). */
  relativeLift: number | null;
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** p < alpha. */
  significant: boolean;
}

/** Why no test could be made: a side with no contacts, or every contact the same (no variance). */
export type ZTestUnavailable = { unavailable: 'no_trials' | 'no_variance' };

/**
 * The complementary error function, W. J. Cody's rational Chebyshev approximation as given
 * in Numerical Recipes (erfc with fractional error below 1.2e-7 everywhere), so p-values
 * are right to about seven digits without a statistics library.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(|Z| >= |z|) for a standard normal Z. */
export const twoSidedPValue = (z: number): number => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));

function checkSample(sample: ProportionSample, name: string): void {
  const { trials, conversions } = sample;
  if (!Number.isInteger(trials) || !Number.isInteger(conversions) || trials < 0 || conversions < 0) {
    throw new RangeError(`${name}: trials and conversions must be non-negative integers`);
  }
  if (conversions > trials) throw new RangeError(`${name}: more conversions (${conversions}) than trials (${trials})`);
}

/**
 * Pooled two-proportion z-test of B against A, two-sided. Uses the pooled rate for the
 * standard error, as the null hypothesis says both rates are one.
 */
export function twoProportionZTest(
  a: ProportionSample,
  b: ProportionSample,
  alpha = 0.05,
): ZTestResult | ZTestUnavailable {
  checkSample(a, 'a');
  checkSample(b, 'b');
  if (a.trials === 0 || b.trials === 0) return { unavailable: 'no_trials' };
  const rateA = a.conversions / a.trials;
  const rateB = b.conversions / b.trials;
  const pooled = (a.conversions + b.conversions) / (a.trials + b.trials);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (standardError === 0) return { unavailable: 'no_variance' };
  const z = (rateB - rateA) / standardError;
  const pValue = twoSidedPValue(z);
  return {
    rateA,
    rateB,
    relativeLift: rateA === 0 ? null : (rateB - rateA) / rateA,
    z,
    pValue,
    significant: pValue < alpha,
  };
}
