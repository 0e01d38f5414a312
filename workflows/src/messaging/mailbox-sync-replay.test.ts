import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '@cadenza/temporal';
import { workflowBundlerOptions } from '../../../workers/src/workflow-bundle-options';
import { MAILBOX_IDLE_PATCH } from './mailbox-sync-workflow';

/**
 * mailboxSyncWorkflow histories recorded by record-replay-histories.int.test.ts, in plain text.
 * `mailbox-sync-polling` is from before MAILBOX_IDLE_PATCH (a timer after every quiet poll): a
 * sync running at deploy time must go on replaying. `mailbox-sync-idle` is the current shape:
 * IDLE woken by new mail, IDLE cancelled by mailboxSyncNow, the mailbox deleted.
 */
const HISTORIES: Array<[name: string, patches: string[], activities: string[]]> = [
  ['mailbox-sync-polling', [], ['syncMailbox']],
  ['mailbox-sync-idle', [MAILBOX_IDLE_PATCH], ['awaitMailboxMail', 'syncMailbox']],
];

const historyOf = (name: string) =>
  temporal.api.history.v1.History.decode(readFileSync(path.join(__dirname, 'replay-histories', `${name}.history.bin`)));

const patchIdsOf = (history: temporal.api.history.v1.IHistory) =>
  (history.events ?? [])
    .map((event) => event.markerRecordedEventAttributes)
    .filter((marker) => marker?.markerName === 'core_patch')
    .map((marker) => {
      const data = marker!.details!['patch-data']!.payloads![0]!.data!;
      return (JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id;
    });

const activityTypesOf = (history: temporal.api.history.v1.IHistory) =>
  [
    ...new Set(
      (history.events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []),
    ),
  ].sort();

describe('mailboxSyncWorkflow replaying recorded histories', () => {
  let workflowBundle: WorkflowBundle;

  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('@cadenza/workflows'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      ...workflowBundlerOptions,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
  }, 120_000);

  it.each(HISTORIES)('%s is what it claims to be (patches, activities)', (name, patches, activities) => {
    const history = historyOf(name);
    expect(patchIdsOf(history)).toEqual(patches);
    expect(activityTypesOf(history)).toEqual(activities);
  });

  it('the IDLE history has a cancelled IDLE (woken by mailboxSyncNow)', () => {
    const events = historyOf('mailbox-sync-idle').events ?? [];
    expect(events.some((event) => event.activityTaskCancelRequestedEventAttributes)).toBe(true);
  });

  it.each(HISTORIES)('%s replays without a nondeterminism error', async (name) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: name }, historyOf(name)),
    ).resolves.toBeUndefined();
  });
});
