import { defineQuery, defineSignal } from '@temporalio/workflow';
import { FLOW_QUERIES, FLOW_SIGNALS, type InboundEvent, type UnenrollReason } from '@cadenza/core';
import type { StepRecord } from './flow-run-types';

export const pauseSignal = defineSignal(FLOW_SIGNALS.pause);
export const resumeSignal = defineSignal(FLOW_SIGNALS.resume);
export const skipWaitSignal = defineSignal(FLOW_SIGNALS.skipWait);
export const cancelSignal = defineSignal<[{ reason: string }]>(FLOW_SIGNALS.cancel);
export const retrySignal = defineSignal(FLOW_SIGNALS.retry);
export const unenrollSignal = defineSignal<[{ reason: UnenrollReason; detail?: string }]>(FLOW_SIGNALS.unenroll);
export const inboundEventSignal = defineSignal<[InboundEvent]>(FLOW_SIGNALS.inboundEvent);

export const currentNodeQuery = defineQuery<{ nodeId: string | null; status: string }>(FLOW_QUERIES.currentNode);
export const stepHistoryQuery = defineQuery<StepRecord[]>(FLOW_QUERIES.stepHistory);
