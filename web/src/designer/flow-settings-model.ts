import { DURATION_UNITS, FlowSettingsSchema, WEEKDAYS, type FlowSettings } from '@cadenza/core';

export { DURATION_UNITS, WEEKDAYS };
export type SendingWindow = NonNullable<FlowSettings['sendingWindow']>;

/** What a new sending window starts as: office hours on weekdays, in the browser's timezone. */
export function defaultSendingWindow(timezone = Intl.DateTimeFormat().resolvedOptions().timeZone): SendingWindow {
  return {
    timezone,
    useContactTimezone: true,
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
  };
}

/**
 * The settings as the editor shows them: every default filled in, so each checkbox says what
 * the engine will do. A stored value that no longer parses is kept as it is, defaults underneath.
 */
export function settingsForEditing(raw: unknown): FlowSettings {
  const parsed = FlowSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const defaults = FlowSettingsSchema.parse({});
  const record = (raw && typeof raw === 'object' ? raw : {}) as Partial<FlowSettings>;
  return {
    ...defaults,
    ...record,
    unenrollOn: { ...defaults.unenrollOn, ...(record.unenrollOn ?? {}) },
    replyTriage: { ...defaults.replyTriage, ...(record.replyTriage ?? {}) },
  } as FlowSettings;
}

/** Problems by dotted path ("sendingWindow.end"), in the schema's own words. */
export function settingsIssues(settings: unknown): Record<string, string> {
  const result = FlowSettingsSchema.safeParse(settings);
  if (result.success) return {};
  const issues: Record<string, string> = {};
  for (const issue of result.error.issues) issues[issue.path.join('.')] ??= issue.message;
  return issues;
}

/** Every IANA timezone the browser knows, for the timezone picker. */
export function timezones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}
