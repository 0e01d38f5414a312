/** What a designer key press asks for. Delete/Backspace are handled by the canvas itself (xyflow). */
export type DesignerShortcut = 'undo' | 'redo' | 'save' | 'layout';

/** The keys as shown in tooltips and the help line. */
export const SHORTCUT_KEYS: Record<DesignerShortcut | 'delete', string> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
  save: 'Ctrl+S',
  layout: 'Ctrl+Shift+L',
  delete: 'Delete',
};

/** The designer's help line under its runs list; the page's HTML draws it too (shell/page-first-paint.ts). */
export const SHORTCUTS_HINT =
  `Shortcuts: ${SHORTCUT_KEYS.save} save · ${SHORTCUT_KEYS.undo} undo · ${SHORTCUT_KEYS.redo} redo · ` +
  `${SHORTCUT_KEYS.layout} tidy up · ${SHORTCUT_KEYS.delete} removes the selected step`;

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & {
  target: EventTarget | null;
};

/** Whether a key press belongs to a text field, where Ctrl+Z must undo typing instead. */
export const inTextField = (target: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' &&
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Maps a key press to a designer command (Ctrl or Cmd). Save works everywhere, also while
 * typing in the property panel, so the browser's "save page" never opens; undo, redo and
 * layout only outside text fields, where the browser's own editing keys win.
 */
export function shortcutOf(event: KeyLike): DesignerShortcut | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 's' && !event.shiftKey) return 'save';
  if (inTextField(event.target)) return null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  if (key === 'l' && event.shiftKey) return 'layout';
  return null;
}
