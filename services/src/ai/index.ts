// Which model serves the AI steps, decided from configuration alone: the API answers GET /ai/model
// from here without loading a model or LangChain (the chat models themselves live in the activities).
export { loadAiEnv, resolveActiveModel } from './ai-model-choice';
export * from './local-model-path';
