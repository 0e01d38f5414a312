import { describe, expect, it } from 'vitest';
import { dueLabel, dueState, sortTasks } from './task-due';

const at = (iso: string) => new Date(iso);

describe('dueState', () => {
  const now = at('2030-05-10T10:00:00');

  it('is overdue from the minute the due time passes', () => {
    expect(dueState({ dueAt: at('2030-05-10T09:59:00').toISOString(), done: false }, now)).toBe('overdue');
    expect(dueState({ dueAt: at('2030-05-01T09:00:00').toISOString(), done: false }, now)).toBe('overdue');
  });

  it('is today later the same day, upcoming after, undated without a date', () => {
    expect(dueState({ dueAt: at('2030-05-10T18:00:00').toISOString(), done: false }, now)).toBe('today');
    expect(dueState({ dueAt: at('2030-05-11T08:00:00').toISOString(), done: false }, now)).toBe('upcoming');
    expect(dueState({ dueAt: null, done: false }, now)).toBe('undated');
  });

  it('is done whatever the date', () => {
    expect(dueState({ dueAt: at('2020-01-01T00:00:00').toISOString(), done: true }, now)).toBe('done');
  });
});

describe('dueLabel', () => {
  const now = at('2030-05-10T10:00:00Z');
  it('says how late or how soon', () => {
    expect(dueLabel('2030-05-07T10:00:00Z', now, 'en')).toBe('overdue, was due 3 days ago');
    expect(dueLabel('2030-05-10T12:00:00Z', now, 'en')).toBe('due in 2 hours');
    expect(dueLabel('2030-05-10T10:20:00Z', now, 'en')).toBe('due in 20 minutes');
  });
});

describe('sortTasks', () => {
  it('puts open tasks first by due time (undated last), then done ones newest first', () => {
    const tasks = [
      { id: 'done-old', dueAt: null, done: true, updatedAt: '2030-01-01' },
      { id: 'undated', dueAt: null, done: false, updatedAt: '2030-01-01' },
      { id: 'later', dueAt: '2030-06-01T00:00:00Z', done: false, updatedAt: '2030-01-01' },
      { id: 'done-new', dueAt: null, done: true, updatedAt: '2030-02-01' },
      { id: 'soon', dueAt: '2030-05-01T00:00:00Z', done: false, updatedAt: '2030-01-01' },
    ];
    expect(sortTasks(tasks).map((t) => t.id)).toEqual(['soon', 'later', 'undated', 'done-new', 'done-old']);
  });
});
