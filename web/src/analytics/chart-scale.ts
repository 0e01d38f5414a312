/** A "nice" top for a y axis: the smallest of 1, 2, 5 × 10^n at or above the largest value. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/**
 * The points of a line through `values`, spread evenly over `width` and scaled so `max`
 * reaches the top of `height` (SVG y grows downward). A single value sits in the middle.
 */
export function linePoints(values: number[], max: number, width: number, height: number): string {
  if (values.length === 0) return '';
  const step = values.length === 1 ? 0 : width / (values.length - 1);
  return values
    .map((value, i) => {
      const x = values.length === 1 ? width / 2 : i * step;
      const y = height - (max <= 0 ? 0 : (value / max) * height);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
