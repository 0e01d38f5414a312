export * from './chat-model-switch';
export * from './ai-activities';
export * from './ai-steps';
export * from './embedder-switch';
export { LocalEmbedder } from './local-embedder';
export * from '@cadenza/services/ai';
