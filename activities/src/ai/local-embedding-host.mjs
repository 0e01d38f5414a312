// The local embedding model (a BERT GGUF, all-MiniLM-L6-v2 by default), served to its parent over the IPC channel
// of child_process.fork. A process of its own for the reasons local-llama-host.mjs gives (ESM-only native addon,
// a llama.cpp crash cannot take the worker down), and apart from the chat host so each loads one model.
// Protocol: { id, op: 'load' | 'embed', texts? } -> { id, ok, result | error }; vectors are llama.cpp's mean-pooled
// output, not yet normalised (the client does that).
import { getLlama } from 'node-llama-cpp';

const modelPath = process.env.EMBEDDING_MODEL_PATH;
const threads = Number(process.env.EMBEDDING_THREADS || 1);
// sentence-transformers truncates all-MiniLM-L6-v2 at 256 tokens ([CLS] and [SEP] included); the same here keeps
// the vectors of long texts equal to the reference's. The context is larger because node-llama-cpp needs room.
const maxTokens = Number(process.env.EMBEDDING_MAX_TOKENS || 256);

let loading;
let queue = Promise.resolve();

function load() {
  loading ??= (async () => {
    const started = Date.now();
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
    const model = await llama.loadModel({ modelPath });
    const context = await model.createEmbeddingContext({ contextSize: maxTokens * 2, threads });
    const { bos, eos } = model.tokens;
    if (bos == null || eos == null) throw new Error(`${modelPath} has no [CLS]/[SEP] (bos/eos) tokens`);
    return { model, context, bos, eos, loadMs: Date.now() - started };
  })();
  return loading;
}

async function embed(texts) {
  const { model, context, bos, eos } = await load();
  const started = Date.now();
  const vectors = [];
  let tokens = 0;
  for (const text of texts) {
    // [CLS] text [SEP], cut to the model's window; an empty text still gets [CLS][SEP] like the reference.
    const input = [bos, ...model.tokenize(String(text)).slice(0, maxTokens - 2), eos];
    tokens += input.length;
    vectors.push(Array.from((await context.getEmbeddingFor(input)).vector));
  }
  return { vectors, tokens, embedMs: Date.now() - started };
}

process.on('message', (request) => {
  queue = queue.then(async () => {
    try {
      const result = request.op === 'load' ? { loadMs: (await load()).loadMs } : await embed(request.texts ?? []);
      process.send?.({ id: request.id, ok: true, result });
    } catch (error) {
      process.send?.({ id: request.id, ok: false, error: String(error?.message ?? error) });
    }
  });
});

process.on('disconnect', () => process.exit(0));
