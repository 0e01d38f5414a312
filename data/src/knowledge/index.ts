export { KnowledgeBase1764302300000 } from './knowledge-migration';
export * from './knowledge-documents';
export * from './knowledge-vectors';
export * from './knowledge-hits';
export { nearestVectors, nearestByScan, type VectorFilter } from './nearest-vectors';
export { hasPgvector } from './pgvector-column';
export type { ScoredId } from './top-k';
export { bytesToVector, vectorToBytes, VECTOR_DIMENSIONS } from './vector-bytes';
