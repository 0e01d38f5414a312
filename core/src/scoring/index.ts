// Lead scoring's pure half: features, logistic regression, metrics. The database half is in @cadenza/services/scoring.
export * from './lead-features';
export * from './lead-model';
export * from './model-metrics';
export * from './synthetic-leads';
export type { Standardiser } from './standardise';
export type { FeatureMatrix } from './feature-matrix';
