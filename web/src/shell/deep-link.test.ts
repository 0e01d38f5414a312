import { describe, expect, it } from 'vitest';
import { deepLinkOf } from './deep-link';

describe('deepLinkOf', () => {
  it('names the flow list for / and /flows, with or without a trailing slash', () => {
    for (const path of ['/', '/flows', '/flows/']) expect(deepLinkOf(path)).toEqual({ page: 'flows' });
  });

  it('names the designer with its flow id, decoded', () => {
    expect(deepLinkOf('/flows/f%201')).toEqual({ page: 'designer', flowId: 'f 1' });
    expect(deepLinkOf('/flows/abc/')).toEqual({ page: 'designer', flowId: 'abc' });
  });

  it('names the contacts list, and nothing for other pages or deeper paths', () => {
    expect(deepLinkOf('/contacts')).toEqual({ page: 'contacts' });
    for (const path of ['/contacts/c1', '/flows/a/b', '/deals', '/status']) expect(deepLinkOf(path)).toBeNull();
  });
});
