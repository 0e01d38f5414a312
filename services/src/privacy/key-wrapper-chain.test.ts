import { randomBytes } from 'node:crypto';
import { keyWrapperChain } from './key-wrapper-chain';
import { createLocalKeyWrapper } from './local-key-wrapper';

describe('keyWrapperChain', () => {
  const current = createLocalKeyWrapper(randomBytes(32));
  const earlier = createLocalKeyWrapper(randomBytes(32));
  const chain = keyWrapperChain(current, earlier);

  it('wraps with the current KEK and opens keys of every KEK it holds, by the stored id', async () => {
    expect(chain.kekId).toBe(current.kekId);
    const dataKey = randomBytes(32);
    const wrapped = await chain.wrap(dataKey);
    expect(await current.unwrap(wrapped, current.kekId)).toEqual(dataKey);
    const old = randomBytes(32);
    expect(await chain.unwrap(await earlier.wrap(old), earlier.kekId)).toEqual(old);
  });

  it('names the KEKs it has when a key was wrapped by another', async () => {
    const stranger = createLocalKeyWrapper(randomBytes(32));
    await expect(chain.unwrap(await stranger.wrap(randomBytes(32)), stranger.kekId)).rejects.toThrow(
      `data key wrapped by KEK ${stranger.kekId} cannot be opened: this deployment has ${current.kekId}, ${earlier.kekId}`,
    );
  });
});
