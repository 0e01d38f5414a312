export * from './knowledge-search';
export * from './create-knowledge-search';
export * from './knowledge-indexing';
export * from './chunk-text';
