import type { NodeType } from '@cadenza/core';
import type { AppDispatch } from '../store';
import { designerActions } from './designer-slice';

/**
 * Adds a node of `type` with its kind's default settings. The defaults come from the zod
 * schemas, which load on the first add (the property panel needs them then too) rather than
 * with the canvas: drawing a flow does not need them, and on a phone they delay its first paint.
 */
export const addNode =
  (type: NodeType, position: { x: number; y: number }) =>
  async (dispatch: AppDispatch): Promise<void> => {
    const { defaultSettingsOf } = await import('./default-settings');
    dispatch(designerActions.nodeAdded({ type, position, settings: defaultSettingsOf(type) }));
  };
