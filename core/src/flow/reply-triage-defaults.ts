import type { ReplyTriageSettings } from './reply-triage-settings';

/**
 * The reply triage settings a flow gets when it says nothing, as plain data: the workflow bundle
 * reads them for definitions published before triage existed, and zod stays out of that bundle
 * (its schemas are rebuilt on every run). reply-triage-defaults.test.ts holds them equal to what
 * ReplyTriageSettingsSchema fills in.
 */
export const REPLY_TRIAGE_DEFAULTS: ReplyTriageSettings = {
  enabled: true,
  outOfOffice: { pause: true, pauseWhenNoDate: { amount: 7, unit: 'days' } },
  unsubscribe: { everywhere: true },
  wrongPerson: { createReferral: true },
  notNow: { snooze: true, reenrollAfter: { amount: 90, unit: 'days' } },
  interested: { createTask: true },
  reviewTask: true,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A published definition's settings (checked by the schema at publish) over the defaults, each
 * section merged on its own so a definition that names one field keeps the others' defaults.
 */
export function replyTriageSettingsOrDefaults(stored: unknown): ReplyTriageSettings {
  if (!isObject(stored)) return REPLY_TRIAGE_DEFAULTS;
  const merged: Record<string, unknown> = { ...REPLY_TRIAGE_DEFAULTS };
  for (const [key, value] of Object.entries(stored)) {
    const fallback = (REPLY_TRIAGE_DEFAULTS as unknown as Record<string, unknown>)[key];
    merged[key] = isObject(fallback) && isObject(value) ? { ...fallback, ...value } : value;
  }
  return merged as ReplyTriageSettings;
}
