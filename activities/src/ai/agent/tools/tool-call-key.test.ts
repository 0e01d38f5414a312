import { sideEffectKey } from '@cadenza/core';
import { toolCallKey } from './tool-call-key';

describe('toolCallKey', () => {
  it('extends the step key with the call index, distinct per call and per visit', () => {
    const first = sideEffectKey('run-1', 'agent', 1);
    expect(toolCallKey(first, 0)).toBe(`${first}:tool:0`);
    expect(toolCallKey(first, 0)).not.toBe(toolCallKey(first, 1));
    expect(toolCallKey(first, 0)).not.toBe(toolCallKey(sideEffectKey('run-1', 'agent', 2), 0));
  });
});
