import type { KeyWrapper } from './key-wrapper';
import { KeyWrapperError } from './key-wrapper-error';

/**
 * A wrapper that wraps with `current` and opens keys wrapped by any of `current` and `earlier`,
 * chosen by the KEK id stored beside each key. This is how a deployment that moves from the
 * local KEK to Cloud KMS keeps reading the data keys it wrapped before (until they are re-wrapped).
 */
export function keyWrapperChain(current: KeyWrapper, ...earlier: KeyWrapper[]): KeyWrapper {
  const byId = new Map([current, ...earlier].map((wrapper) => [wrapper.kekId, wrapper] as const));
  return {
    kekId: current.kekId,
    wrap: (dataKey) => current.wrap(dataKey),
    async unwrap(wrapped, kekId) {
      const wrapper = byId.get(kekId);
      if (!wrapper)
        throw new KeyWrapperError(
          `data key wrapped by KEK ${kekId} cannot be opened: this deployment has ${[...byId.keys()].join(', ')}`,
          kekId,
          false,
        );
      return wrapper.unwrap(wrapped, kekId);
    },
  };
}
