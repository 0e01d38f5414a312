export * from './lead-scoring-service';
