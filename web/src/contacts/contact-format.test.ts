import { describe, expect, it } from 'vitest';
import { actorLabel } from './contact-format';

describe('actorLabel', () => {
  it('names the user who did it, and says what kind of caller it was otherwise', () => {
    expect(actorLabel({ kind: 'user', id: 'u1', name: 'Maya Marketer' })).toBe('Maya Marketer');
    expect(actorLabel({ kind: 'user', id: 'u1', name: null })).toBe('a user');
    expect(actorLabel({ kind: 'workflow', id: 'run', name: null })).toBe('a flow run');
    expect(actorLabel({ kind: 'api_key', id: null, name: null })).toBe('an API key');
  });
});
