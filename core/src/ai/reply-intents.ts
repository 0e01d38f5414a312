/*
 * Reply triage's plain facts, without zod: the flow engine's workflow bundle reads them (the
 * "Read the reply" step's outputs), and every zod schema in that bundle is built again on every
 * run (workers/src/workflow-bundle-options.test.ts keeps zod out). The schemas are in ./reply-triage.
 */
export const REPLY_INTENTS = [
  'interested',
  'not_now',
  'not_interested',
  'unsubscribe',
  'out_of_office',
  'wrong_person',
  'bounce',
  'other',
] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** Below this confidence a person reviews the reply before the flow acts on its intent. */
export const TRIAGE_REVIEW_THRESHOLD = 0.6;

/** Largest reply text the triage reads (longer texts are refused by the API, cut by the flow). */
export const TRIAGE_MAX_TEXT = 20_000;
