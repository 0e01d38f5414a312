import { validateFlowDefinition } from '../flow/validate-flow';
import { withSenderChecks } from './sender-checks';

const MAILBOX = '6f1c3c1e-2d1b-4c55-9a55-0a0b0c0d0e01';
const POOL = '6f1c3c1e-2d1b-4c55-9a55-0a0b0c0d0e02';
const OTHER = '6f1c3c1e-2d1b-4c55-9a55-0a0b0c0d0eff';

const flowSending = (sender: unknown) => ({
  trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
  settings: {},
  nodes: [
    {
      id: 'email',
      type: 'send_email',
      position: { x: 1, y: 0 },
      settings: { subject: 'Hi', body: 'Hello', ...(sender === undefined ? {} : { sender }) },
    },
  ],
  edges: [{ from: 'start', to: 'email' }],
});

const known = { mailboxIds: new Set([MAILBOX]), poolIds: new Set([POOL]) };
const check = (sender: unknown) => withSenderChecks(validateFlowDefinition(flowSending(sender)), known);

describe('send_email sender checks', () => {
  it('accepts the workspace default, the owner, a known mailbox and a known pool', () => {
    for (const sender of [
      undefined,
      { kind: 'owner' },
      { kind: 'mailbox', mailboxId: MAILBOX },
      { kind: 'pool', poolId: POOL },
    ]) {
      expect(check(sender)).toMatchObject({ ok: true });
    }
  });

  it('a stored flow without a sender parses as the workspace default', () => {
    const result = check(undefined);
    expect(result.ok && result.definition.nodes[0]!.settings).toMatchObject({ sender: { kind: 'workspace' } });
  });

  it('names the node and sender.mailboxId for a mailbox that is not the workspace’s', () => {
    const result = check({ kind: 'mailbox', mailboxId: OTHER });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_setting', nodeId: 'email', path: 'settings.sender.mailboxId' }],
    });
  });

  it('names sender.poolId for an unknown pool', () => {
    const result = check({ kind: 'pool', poolId: OTHER });
    expect(result).toMatchObject({ ok: false, errors: [{ nodeId: 'email', path: 'settings.sender.poolId' }] });
  });
});
