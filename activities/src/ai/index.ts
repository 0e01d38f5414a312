export * from './chat-model-switch';
export * from './ai-activities';
export * from './ai-steps';
export * from '@cadenza/services/ai';
