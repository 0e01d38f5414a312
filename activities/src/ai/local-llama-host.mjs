// The local GGUF model, served to its parent (a worker) over the IPC channel of child_process.fork.
// Why a child process: node-llama-cpp is ESM-only with a native addon; a separate process loads it the same
// way under the worker, tsx and jest, and a crash in llama.cpp cannot take the Temporal worker down with it.
// Protocol: { id, op: 'generate', messages, maxTokens, temperature?, jsonSchema? } -> { id, ok, result | error };
// with `completion: { stop, seed? }` the messages' text is continued as a plain document (no chat template),
// which is how a base model is used well: few-shot framing, cut at a stop sequence.
import { getLlama, LlamaChatSession, LlamaCompletion } from 'node-llama-cpp';

const modelPath = process.env.LLM_MODEL_PATH;
const threads = Number(process.env.LLM_THREADS || 1);
const contextSize = Number(process.env.LLM_CONTEXT_SIZE || 2048);

let loading;
const grammars = new Map();
// One sequence, one request at a time: requests queue here rather than compete for two CPUs.
let queue = Promise.resolve();

function load() {
  loading ??= (async () => {
    const started = Date.now();
    // build: 'never' — the prebuilt CPU binary ships in @node-llama-cpp/linux-x64; nothing is compiled or downloaded.
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize, threads });
    return { llama, model, context, sequence: context.getSequence(), loadMs: Date.now() - started };
  })();
  return loading;
}

async function grammarFor(llama, jsonSchema) {
  const key = JSON.stringify(jsonSchema);
  if (!grammars.has(key)) grammars.set(key, await llama.createGrammarForJsonSchema(jsonSchema));
  return grammars.get(key);
}

const historyOf = (messages) =>
  messages.map((message) =>
    message.role === 'system'
      ? { type: 'system', text: message.content }
      : message.role === 'assistant'
        ? { type: 'model', response: [message.content] }
        : { type: 'user', text: message.content },
  );

async function complete(request) {
  const { context, sequence, loadMs } = await load();
  const completion = new LlamaCompletion({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    const before = sequence.tokenMeter.getState();
    const started = Date.now();
    const reply = await completion.generateCompletionWithMeta(request.messages.map((m) => m.content).join('\n\n'), {
      maxTokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      ...(request.completion.seed !== undefined ? { seed: request.completion.seed } : {}),
      customStopTriggers: request.completion.stop ?? [],
    });
    const after = sequence.tokenMeter.getState();
    return {
      text: reply.response,
      stopReason: reply.metadata.stopReason,
      inputTokens: after.usedInputTokens - before.usedInputTokens,
      outputTokens: after.usedOutputTokens - before.usedOutputTokens,
      generationMs: Date.now() - started,
      loadMs,
      contextSize: context.contextSize,
    };
  } finally {
    completion.dispose({ disposeSequence: false });
    await sequence.clearHistory();
  }
}

async function generate(request) {
  if (request.completion) return complete(request);
  const { llama, context, sequence, loadMs } = await load();
  const messages = request.messages;
  const last = messages.at(-1);
  if (!last || last.role !== 'user') throw new Error('the last message must be from the user');
  const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    session.setChatHistory(historyOf(messages.slice(0, -1)));
    const before = sequence.tokenMeter.getState();
    const grammar = request.jsonSchema ? await grammarFor(llama, request.jsonSchema) : undefined;
    const started = Date.now();
    const reply = await session.promptWithMeta(last.content, {
      maxTokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      ...(grammar ? { grammar } : {}),
    });
    const after = sequence.tokenMeter.getState();
    return {
      text: reply.responseText,
      stopReason: reply.stopReason,
      inputTokens: after.usedInputTokens - before.usedInputTokens,
      outputTokens: after.usedOutputTokens - before.usedOutputTokens,
      generationMs: Date.now() - started,
      loadMs,
      contextSize: context.contextSize,
    };
  } finally {
    session.dispose({ disposeSequence: false });
    // Each request starts from an empty context; prompts are short and this keeps requests independent.
    await sequence.clearHistory();
  }
}

process.on('message', (request) => {
  queue = queue.then(async () => {
    try {
      const result = request.op === 'load' ? { loadMs: (await load()).loadMs } : await generate(request);
      process.send?.({ id: request.id, ok: true, result });
    } catch (error) {
      process.send?.({ id: request.id, ok: false, error: String(error?.message ?? error) });
    }
  });
});

// The parent went away (worker stopped or crashed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
