import type { Condition, ConditionOperator, ConditionRule } from '../condition';
import type { ContactSnapshot } from './contact-snapshot';
import { readContactField } from './contact-fields';
import { toDate } from './to-date';

const DAY_MS = 86_400_000;
// Conditions carry no timezone; a date-only value ("2026-01-01") means midnight UTC.
const CONDITION_TIMEZONE = 'UTC';

type Scalar = string | number | boolean;

/**
 * Whether the contact meets a condition at `now`: `all` needs every child, `any` at least
 * one. Text compares case-insensitively. A list field (tags) matches equals, contains,
 * starts_with and in when any of its items does. A field that is not set matches only the
 * negative operators (not_equals, not_contains, not_in, is_not_set).
 */
export function evaluateCondition(condition: Condition, snapshot: ContactSnapshot, now: Date): boolean {
  if ('all' in condition) return condition.all.every((child) => evaluateCondition(child, snapshot, now));
  if ('any' in condition) return condition.any.some((child) => evaluateCondition(child, snapshot, now));
  return evaluateRule(condition, snapshot, now);
}

/** The value a condition field names: contact.<path>, engagement.<metric> or score. */
export function conditionFieldValue(field: string, snapshot: ContactSnapshot): unknown {
  if (field === 'score') return snapshot.score;
  if (field.startsWith('engagement.')) {
    const metric = field.slice('engagement.'.length);
    return Object.hasOwn(snapshot.engagement, metric)
      ? snapshot.engagement[metric as keyof ContactSnapshot['engagement']]
      : undefined;
  }
  if (field.startsWith('contact.')) return readContactField(snapshot, field.slice('contact.'.length));
  return undefined;
}

function evaluateRule(rule: ConditionRule, snapshot: ContactSnapshot, now: Date): boolean {
  const actual = conditionFieldValue(rule.field, snapshot);
  return OPERATORS[rule.operator](actual, rule.value, now);
}

type OperatorTest = (actual: unknown, expected: ConditionRule['value'], now: Date) => boolean;

/** A Record so a new operator in CONDITION_OPERATORS cannot ship without its test. */
const OPERATORS: Record<ConditionOperator, OperatorTest> = {
  equals: (actual, expected) => anyItem(actual, (item) => sameValue(item, expected)),
  not_equals: (actual, expected, now) => !OPERATORS.equals(actual, expected, now),
  contains: (actual, expected) =>
    Array.isArray(actual)
      ? actual.some((item) => sameValue(item, expected))
      : textOf(actual)?.includes(fold(expected)) === true,
  not_contains: (actual, expected, now) => !OPERATORS.contains(actual, expected, now),
  starts_with: (actual, expected) => anyItem(actual, (item) => textOf(item)?.startsWith(fold(expected)) === true),
  gt: (actual, expected) => compareNumbers(actual, expected, (a, b) => a > b),
  gte: (actual, expected) => compareNumbers(actual, expected, (a, b) => a >= b),
  lt: (actual, expected) => compareNumbers(actual, expected, (a, b) => a < b),
  lte: (actual, expected) => compareNumbers(actual, expected, (a, b) => a <= b),
  before: (actual, expected) => compareDates(actual, expected, (a, b) => a < b),
  after: (actual, expected) => compareDates(actual, expected, (a, b) => a > b),
  within_last_days: (actual, expected, now) => {
    const date = toDate(actual, CONDITION_TIMEZONE);
    if (!date || typeof expected !== 'number') return false;
    // A future date has not happened "in the last N days".
    return date.getTime() <= now.getTime() && date.getTime() >= now.getTime() - expected * DAY_MS;
  },
  in: (actual, expected) =>
    Array.isArray(expected) && anyItem(actual, (item) => expected.some((option) => sameValue(item, option))),
  not_in: (actual, expected, now) => !OPERATORS.in(actual, expected, now),
  is_set: (actual) => isSet(actual),
  is_not_set: (actual) => !isSet(actual),
};

function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Tests a scalar field, or each item of a list field (tags). */
function anyItem(actual: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

/**
 * Equality across the loose types contact data arrives in: text ignores case, a number
 * matches its text form ("42" equals 42), true matches "true", and a date matches the same
 * instant written another way.
 */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (!isSet(actual) || !isScalar(expected)) return false;
  if (typeof expected === 'number') return toNumber(actual) === expected;
  if (typeof expected === 'boolean') return actual === expected || textOf(actual) === String(expected);
  if (actual instanceof Date) return toDate(expected, CONDITION_TIMEZONE)?.getTime() === actual.getTime();
  return textOf(actual) === fold(expected);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Lower-cased text of a scalar value, or undefined for anything else. */
function textOf(value: unknown): string | undefined {
  return isScalar(value) ? fold(value) : undefined;
}

function fold(value: unknown): string {
  return String(value).toLowerCase();
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function compareNumbers(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toNumber(actual);
  return a !== undefined && typeof expected === 'number' && test(a, expected);
}

function compareDates(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toDate(actual, CONDITION_TIMEZONE);
  const b = typeof expected === 'string' ? toDate(expected, CONDITION_TIMEZONE) : null;
  return a !== null && b !== null && test(a.getTime(), b.getTime());
}
