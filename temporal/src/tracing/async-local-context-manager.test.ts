import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalContextManager } from './async-local-context-manager';

const key = createContextKey('request');

describe('AsyncLocalContextManager', () => {
  const manager = new AsyncLocalContextManager();

  it('is the root context outside with()', () => {
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('keeps the context across awaits and timers inside with(), not after it', async () => {
    const context = ROOT_CONTEXT.setValue(key, 'r1');
    const seen = await manager.with(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return manager.active().getValue(key);
    });
    expect(seen).toBe('r1');
    expect(manager.active().getValue(key)).toBeUndefined();
  });

  it('passes this and arguments through with() and bind()', () => {
    const context = ROOT_CONTEXT.setValue(key, 'r2');
    const target = { factor: 3 };
    function scaled(this: { factor: number }, value: number) {
      return `${value * this.factor}:${String(manager.active().getValue(key))}`;
    }
    expect(manager.with(context, scaled, target, 2)).toBe('6:r2');
    const bound = manager.bind(context, scaled);
    expect(bound.call(target, 4)).toBe('12:r2');
  });
});
