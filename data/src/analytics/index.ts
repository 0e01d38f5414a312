export { flowFunnel } from './flow-funnel';
export { flowAbTests } from './ab-split-results';
export { repActivity } from './rep-activity';
export { AnalyticsIndexes1764301050000 } from './migration';
