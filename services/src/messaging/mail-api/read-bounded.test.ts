import { readBounded } from './api-call';

/** A message's source is read up to the import's bound, however large the provider's copy. */
describe('readBounded', () => {
  it('keeps a body under the bound whole', async () => {
    expect((await readBounded(new Response('From: a\r\n\r\nhi'), 1024)).toString()).toBe('From: a\r\n\r\nhi');
  });

  it('stops reading at the bound and cancels the rest', async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1000).fill(65));
      },
      cancel() {
        cancelled = true;
      },
    });
    const read = await readBounded(new Response(body), 2500);
    expect(read.length).toBe(2500);
    expect(pulled).toBeLessThanOrEqual(4);
    expect(cancelled).toBe(true);
  });
});
