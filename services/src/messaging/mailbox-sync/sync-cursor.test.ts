import { planSync } from './sync-cursor';

describe('planSync', () => {
  it('reads a new folder from its first UID, one batch at a time', () => {
    expect(planSync(null, { uidValidity: 7, uidNext: 251 }, 100)).toEqual({
      kind: 'read',
      fromUid: 1,
      toUid: 100,
      after: { uidValidity: 7, lastUid: 100 },
      more: true,
      reset: false,
    });
  });

  it('resumes after the last UID handled and says when the batch reaches the end', () => {
    expect(planSync({ uidValidity: 7, lastUid: 200 }, { uidValidity: 7, uidNext: 251 }, 100)).toEqual({
      kind: 'read',
      fromUid: 201,
      toUid: 250,
      after: { uidValidity: 7, lastUid: 250 },
      more: false,
      reset: false,
    });
  });

  it('has nothing to read when no UID was assigned since', () => {
    expect(planSync({ uidValidity: 7, lastUid: 250 }, { uidValidity: 7, uidNext: 251 }, 100)).toEqual({
      kind: 'up-to-date',
      cursor: { uidValidity: 7, lastUid: 250 },
    });
    expect(planSync(null, { uidValidity: 9, uidNext: 1 }, 100)).toEqual({
      kind: 'up-to-date',
      cursor: { uidValidity: 9, lastUid: 0 },
    });
  });

  it('starts again from the first UID when the server renumbered the folder (new UIDVALIDITY)', () => {
    expect(planSync({ uidValidity: 7, lastUid: 250 }, { uidValidity: 8, uidNext: 31 }, 100)).toEqual({
      kind: 'read',
      fromUid: 1,
      toUid: 30,
      after: { uidValidity: 8, lastUid: 30 },
      more: false,
      reset: true,
    });
  });
});
