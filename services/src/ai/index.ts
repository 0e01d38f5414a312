// Which model serves the AI steps, decided from configuration alone: the API answers GET /ai/model
// from here without loading a model or LangChain (the chat models themselves live in the activities).
export { loadAiEnv, resolveActiveModel } from './ai-model-choice';
export * from './local-model-path';
// Sentence embeddings: the interface, the OpenAI implementation, the provider choice and the local model's file.
export * from './embeddings';
export * from './openai-embeddings';
export * from './embedding-choice';
export * from './embedding-model-path';
// Reply triage (issue 22): the ReplyTriager interface, the offline classifier and its extractions.
export * from './reply-triage';
// Semantic search over the knowledge base, notes and timeline; the indexing the worker runs.
export * from './knowledge';
