// The worker as a library, for the processes and harnesses that compose it: main.ts boots it this way.
export { createWorker, type CreateWorkerOptions, type WorkerTuning } from './create-worker';
export { workflowBundlerOptions } from './workflow-bundle-options';
