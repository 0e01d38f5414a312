import { describe, expect, it } from 'vitest';
import { senderChoiceOf, senderEntries, senderValue } from './sender-picker';

const MAILBOX = '6f1c3c1e-2d1b-4c55-9a55-0a0b0c0d0e01';
const POOL = '6f1c3c1e-2d1b-4c55-9a55-0a0b0c0d0e02';

describe('sender picker', () => {
  it('round-trips every kind of choice through its option value', () => {
    for (const choice of [
      { kind: 'workspace' },
      { kind: 'owner' },
      { kind: 'mailbox', mailboxId: MAILBOX },
      { kind: 'pool', poolId: POOL },
    ] as const) {
      expect(senderChoiceOf(senderValue(choice))).toEqual(choice);
    }
  });

  it('offers the fixed choices, then workspace mailboxes and pools by name', () => {
    const entries = senderEntries({
      mailboxes: [{ id: MAILBOX, name: 'Team', fromAddress: 'team@acme.test', isDefault: true }],
      pools: [{ id: POOL, name: 'SDRs', size: 3 }],
    });
    expect(entries.map((entry) => entry.value)).toEqual(['workspace', 'owner', `mailbox:${MAILBOX}`, `pool:${POOL}`]);
    expect(entries[2]!.label).toBe('Team <team@acme.test>');
    expect(entries[3]!.label).toContain('SDRs');
  });
});
