import { useEffect } from 'react';
import { useAppDispatch } from '../store';
import { designerActions } from './designer-slice';

/** Whether a key press belongs to a text field, where Ctrl+Z must undo typing instead. */
const inTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, anywhere outside a text field. */
export function useUndoShortcuts(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || inTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) dispatch(designerActions.undone());
      else if ((key === 'z' && event.shiftKey) || key === 'y') dispatch(designerActions.redone());
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
}
