import { useEffect, useRef } from 'react';
import { shortcutOf, type DesignerShortcut } from './designer-shortcuts';

/** Runs the designer's keyboard shortcuts (see `shortcutOf`) while the designer is on screen. */
export function useDesignerShortcuts(handlers: Record<DesignerShortcut, () => void>): void {
  // Through a ref, so handlers that close over fresh state do not re-register the listener.
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      event.preventDefault();
      current.current[shortcut]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
