import { describe, expect, it } from 'vitest';
import { shortcutOf } from './designer-shortcuts';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  target: EventTarget | null = document.body,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
  target,
});

describe('designer shortcuts', () => {
  it('maps Ctrl and Cmd combinations to commands', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('s', { metaKey: true }))).toBe('save');
    expect(shortcutOf(key('L', { ctrlKey: true, shiftKey: true }))).toBe('layout');
  });

  it('ignores plain keys, Alt combinations and unknown letters', () => {
    expect(shortcutOf(key('z'))).toBeNull();
    expect(shortcutOf(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutOf(key('l', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key('q', { ctrlKey: true }))).toBeNull();
  });

  it('leaves undo to a text field being typed in, but saves from it', () => {
    const input = document.createElement('input');
    expect(shortcutOf(key('z', { ctrlKey: true }, input))).toBeNull();
    expect(shortcutOf(key('s', { ctrlKey: true }, input))).toBe('save');
    expect(shortcutOf(key('L', { ctrlKey: true, shiftKey: true }, document.createElement('textarea')))).toBeNull();
  });
});
