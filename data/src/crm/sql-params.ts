/**
 * Collects bind values while SQL text is assembled, so no request value is ever spliced
 * into the text: each `add` returns the `$n` placeholder of its value.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(initial: unknown[] = []) {
    this.values.push(...initial);
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
