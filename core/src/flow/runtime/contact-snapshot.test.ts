import { ContactSnapshotSchema, contactTimezone, readContactField, type ContactSnapshot } from './contact-snapshot';

const snapshot: ContactSnapshot = {
  id: 'c1',
  fields: {
    email: 'ana@example.com',
    lifecycleStage: 'lead',
    timezone: 'Europe/Paris',
    tags: ['vip'],
    custom: { industry: 'saas', address: { city: 'Lyon' } },
  },
  engagement: { emails_opened: 3, last_opened_at: '2026-05-01T10:00:00Z' },
  score: 42,
};

describe('ContactSnapshotSchema', () => {
  it('accepts a snapshot and rejects unknown engagement metrics', () => {
    expect(ContactSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(ContactSnapshotSchema.safeParse({ ...snapshot, engagement: { mood: 1 } }).success).toBe(false);
    expect(ContactSnapshotSchema.safeParse({ ...snapshot, score: undefined }).success).toBe(false);
    expect(ContactSnapshotSchema.safeParse({ ...snapshot, score: null }).success).toBe(true);
  });
});

describe('readContactField', () => {
  it.each([
    ['lifecycleStage', 'lead'],
    ['custom.industry', 'saas'],
    ['custom.address.city', 'Lyon'],
    ['tags', ['vip']],
    ['custom.missing', undefined],
    ['lifecycleStage.length', undefined],
    ['tags.0', undefined],
    ['constructor', undefined],
    ['custom.toString', undefined],
  ])('%s -> %j', (path, expected) => {
    expect(readContactField(snapshot, path)).toEqual(expected);
  });
});

describe('contactTimezone', () => {
  it('returns the timezone field when it is text', () => {
    expect(contactTimezone(snapshot)).toBe('Europe/Paris');
    expect(contactTimezone({ ...snapshot, fields: { timezone: '' } })).toBeNull();
    expect(contactTimezone({ ...snapshot, fields: { timezone: 3 } })).toBeNull();
    expect(contactTimezone({ ...snapshot, fields: {} })).toBeNull();
  });
});
