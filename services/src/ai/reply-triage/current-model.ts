import path from 'node:path';
import { MODELS_DIR, readReplyTriageModel, type ReplyTriageModel } from './reply-triage-model';

/**
 * The model file the triager uses, written by `npm run train:reply-triage`. Older files stay in
 * models/ so every version ever answered remains identifiable.
 */
export const CURRENT_REPLY_TRIAGE_MODEL = 'minilm-logreg-bba484ae.json';

let loaded: ReplyTriageModel | undefined;

/** The current model, read once per process (lazily: importing this module reads no file). */
export function currentReplyTriageModel(): ReplyTriageModel {
  loaded ??= readReplyTriageModel(path.join(MODELS_DIR, CURRENT_REPLY_TRIAGE_MODEL));
  return loaded;
}
