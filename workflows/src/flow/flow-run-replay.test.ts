import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { PayloadKeySource } from '@cadenza/core';
import { cadenzaDataConverter, FAILURE_CONVERTER_PATH } from '@cadenza/temporal';
import { workflowBundlerOptions } from '../../../workers/src/workflow-bundle-options';
import { RUN_SHAPE_PATCH } from './flow-run-workflow';
import { INBOUND_EVENT_ONCE_PATCH, REPLY_TRIAGE_PATCH } from './run-controls';
import { AGENT_TOOL_APPROVALS_PATCH } from './ai-agent-step';

/**
 * Histories recorded by the interpreter as it was before RUN_SHAPE_PATCH (database steps and
 * projection as local activities behind their own patches, NodeId upserted at every step),
 * from a real dev server, stored as encoded History protobufs. Open runs of that shape must
 * go on replaying after a deploy: a change of the command sequence outside a patch fails
 * here with a nondeterminism error.
 */
/**
 * A plain-text history must decode without any key: opening one fails the replay. (Replaying
 * still encodes the commands it produces, hence a key to encrypt with.)
 */
const NO_KEYS: PayloadKeySource = {
  keyFor: async () => ({ id: randomUUID(), version: 1, key: randomBytes(32) }),
  keyById: () => Promise.reject(new Error('a plain-text history asked for a data key')),
};

const HISTORIES = ['three-database-steps', 'wait-for-event-between-steps'];

/**
 * Runs told twice of the same reply (a sender killed between signalling and recording it), recorded
 * by record-replay-histories.int.test.ts: before INBOUND_EVENT_ONCE_PATCH the repeat was kept and
 * unenrolled the run after its wait; with it the repeat is dropped and the run waits again.
 */
const DUPLICATE_EVENT_HISTORIES: Array<[name: string, patches: string[]]> = [
  ['duplicate-reply-before-patch', [RUN_SHAPE_PATCH]],
  ['duplicate-reply-dropped', [RUN_SHAPE_PATCH, INBOUND_EVENT_ONCE_PATCH]],
];

/**
 * Agent steps on the vendor path: one wait for the draft from before AGENT_TOOL_APPROVALS_PATCH,
 * and with it a wait for an update_field call (approved) and then for the draft (rejected).
 */
const AGENT_HISTORIES: Array<[name: string, patches: string[]]> = [
  ['agent-draft-before-tool-approvals', [RUN_SHAPE_PATCH]],
  ['agent-tool-approval-then-draft', [RUN_SHAPE_PATCH, AGENT_TOOL_APPROVALS_PATCH]],
];

/** Histories recorded with patches: each must carry the ones it claims and replay with today's code. */
const PATCHED_HISTORIES = [...DUPLICATE_EVENT_HISTORIES, ...AGENT_HISTORIES];

/**
 * A run that read replies (REPLY_TRIAGE_PATCH), recorded by record-replay-histories.int.test.ts:
 * an out-of-office auto-reply paused its reply wait, the contact's reply (read as interested)
 * ended the pause and answered the wait.
 */
const REPLY_TRIAGE_HISTORY = 'reply-triage-out-of-office';

const historyOf = (name: string) =>
  temporal.api.history.v1.History.decode(readFileSync(path.join(__dirname, 'replay-histories', `${name}.history.bin`)));

/** The patch ids a history's patch markers name. */
const patchIdsOf = (history: temporal.api.history.v1.IHistory) =>
  (history.events ?? [])
    .map((event) => event.markerRecordedEventAttributes)
    .filter((marker) => marker?.markerName === 'core_patch')
    .map((marker) => {
      const data = marker!.details!['patch-data']!.payloads![0]!.data!;
      return (JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id;
    });

describe('flowRunWorkflow replaying histories from before the current run shape', () => {
  let workflowBundle: WorkflowBundle;

  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('@cadenza/workflows'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      ...workflowBundlerOptions,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
  }, 120_000);

  it.each(HISTORIES)('%s predates the patch (the fixture is what it claims to be)', (name) => {
    expect(patchIdsOf(historyOf(name))).toEqual(['database-actions-local-activities', 'run-projection-local-activity']);
  });

  it.each(HISTORIES)('%s replays without a nondeterminism error', async (name) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: name }, historyOf(name)),
    ).resolves.toBeUndefined();
  });

  // Recorded in plain text, before the payload codec: production workers decode them as they are.
  it.each(HISTORIES)('%s replays through the payload codec, needing no key', async (name) => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle, replayName: name, dataConverter: cadenzaDataConverter(NO_KEYS) },
        historyOf(name),
      ),
    ).resolves.toBeUndefined();
  });

  it.each(PATCHED_HISTORIES)('%s carries the patches it claims', (name, patches) => {
    expect(patchIdsOf(historyOf(name))).toEqual(patches);
  });

  it.each(PATCHED_HISTORIES)('%s replays without a nondeterminism error', async (name) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: name }, historyOf(name)),
    ).resolves.toBeUndefined();
  });

  it('the agent step with a tool call waited twice (two approval signals, two resumes)', () => {
    const resumes = (name: string) =>
      (historyOf(name).events ?? []).filter(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'flowAiAgentResume',
      ).length;
    expect(resumes('agent-draft-before-tool-approvals')).toBe(1);
    expect(resumes('agent-tool-approval-then-draft')).toBe(2);
  });

  it('the repeat answered the later wait before the patch, and is dropped with it (the second wait times out)', () => {
    const timersFired = (name: string) =>
      (historyOf(name).events ?? []).filter((event) => event.timerFiredEventAttributes).length;
    expect(timersFired('duplicate-reply-before-patch')).toBe(0);
    expect(timersFired('duplicate-reply-dropped')).toBe(1);
  });

  it(`${REPLY_TRIAGE_HISTORY} carries the reply-triage patch, read both replies and acted on each`, () => {
    const history = historyOf(REPLY_TRIAGE_HISTORY);
    expect(patchIdsOf(history)).toEqual([RUN_SHAPE_PATCH, REPLY_TRIAGE_PATCH]);
    const activities = (history.events ?? [])
      .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter(Boolean);
    expect(activities).toEqual(['readInboundReply', 'actOnInboundReply', 'readInboundReply', 'actOnInboundReply']);
  });

  it(`${REPLY_TRIAGE_HISTORY} replays without a nondeterminism error`, async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: REPLY_TRIAGE_HISTORY }, historyOf(REPLY_TRIAGE_HISTORY)),
    ).resolves.toBeUndefined();
  });
});
