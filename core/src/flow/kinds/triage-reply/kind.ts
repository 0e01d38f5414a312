import { REPLY_INTENTS } from '../../../ai/reply-intents';
import { DEFAULT_OUTPUT } from '../../node-output';
import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

/** The output a reply the reading is unsure of takes (a person should look at it). */
export const NEEDS_REVIEW_OUTPUT = 'needs_review';

/**
 * "Read the reply": one output per intent plus needs_review, and `next` for every intent left
 * unconnected (and when there is no reply to read). Connecting only the intents that matter is
 * the normal design, so outputs need not all be connected.
 */
export const triageReplyKind: NodeKindInfo<'triage_reply'> = {
  category: 'action',
  label: 'Read the reply',
  outputs: [DEFAULT_OUTPUT, ...REPLY_INTENTS, NEEDS_REVIEW_OUTPUT],
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
