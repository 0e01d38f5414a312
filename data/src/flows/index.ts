export * from './flows-repository';
export * from './runs-repository';
export * from './side-effects';
export { FlowEngine1764300500000 } from './migration';
export { FlowRunRest1764302240000 } from './run-rest-migration';
