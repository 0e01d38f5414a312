import { createLocalReplyTriager, EmbedderMismatchError } from './local-reply-triager';
import { currentReplyTriageModel } from './current-model';

describe('createLocalReplyTriager', () => {
  it('refuses an embedder other than the one the model was trained on, naming both', () => {
    const model = currentReplyTriageModel();
    const other = { model: 'openai:text-embedding-3-small', embed: () => Promise.resolve([]) };
    expect(() => createLocalReplyTriager(other, model)).toThrow(EmbedderMismatchError);
    expect(() => createLocalReplyTriager(other, model)).toThrow(
      `was trained on embeddings of ${model.embedder}, but this embedder is openai:text-embedding-3-small`,
    );
  });
});
