import { REPLY_INTENTS } from '@cadenza/core';
import { buildReplySet } from './build-reply-set';
import { loadReplySplit, type ReplySplit } from './labelled-reply';

const SPLITS: ReplySplit[] = ['train', 'dev', 'test'];
const coreOf = (id: string) => id.split('-').slice(0, 2).join('-');

describe('the labelled reply set', () => {
  it('is what build-reply-set.ts writes (a rebuild changes nothing committed)', () => {
    const built = buildReplySet();
    for (const split of SPLITS) expect(loadReplySplit(split)).toEqual(built[split]);
  });

  it('holds at least 360 distinct replies, every intent in every split, no reply in two splits', () => {
    const cores = Object.fromEntries(
      SPLITS.map((split) => [split, new Set(loadReplySplit(split).map((r) => coreOf(r.id)))]),
    );
    expect(cores.train!.size + cores.dev!.size + cores.test!.size).toBeGreaterThanOrEqual(360);
    for (const split of SPLITS)
      expect(new Set(loadReplySplit(split).map((reply) => reply.intent))).toEqual(new Set(REPLY_INTENTS));
    for (const id of cores.test!) expect([id, cores.train!.has(id) || cores.dev!.has(id)]).toEqual([id, false]);
    for (const id of cores.dev!) expect([id, cores.train!.has(id)]).toEqual([id, false]);
  });
});
