import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { runSearchAttributeKeys, temporalBinaries } from '@cadenza/temporal';
import { requireService } from '@cadenza/test-harness/service-env';
import { waitUntil } from '../services/wait-until';
import { runbookCliCommands, runbookQueries, shellWords } from './runbook-parse';

const run = promisify(execFile);
const runbook = readFileSync(path.resolve(__dirname, '../../deploy/runbook.md'), 'utf8');

/**
 * The runbook's Temporal UI list filters and CLI commands, read from deploy/runbook.md itself so
 * the two cannot drift, run against the harness's real Temporal dev server (with the run search
 * attributes registered as in production) over runs whose search attributes are known.
 */
describe('the ops runbook against a Temporal server', () => {
  let connection: Connection;
  let client: Client;
  const taskQueue = `runbook-${randomUUID()}`;
  const ids = { tenant: randomUUID(), otherTenant: randomUUID(), flow: randomUUID(), lead: randomUUID() };
  const node = { waiting: `node-${randomUUID()}`, other: `node-${randomUUID()}` };
  const placeholders: Record<string, string> = {
    '<lead id>': ids.lead,
    '<tenant id>': ids.tenant,
    '<flow id>': ids.flow,
    '<node id>': node.waiting,
  };
  const fill = (text: string) => text.replace(/<[a-z ]+>/g, (slot) => placeholders[slot] ?? slot);

  // Runs nobody polls for: they stay Running (or end as the CLI makes them) with these attributes.
  const runs = {
    current: { tenant: ids.tenant, version: 3, lead: randomUUID(), node: node.other, kind: 'flow' },
    oldWaiting: { tenant: ids.tenant, version: 2, lead: ids.lead, node: node.waiting, kind: 'flow' },
    otherTenantSmoke: { tenant: ids.otherTenant, version: 1, lead: ids.lead, node: node.waiting, kind: 'smoke' },
    terminated: { tenant: ids.tenant, version: 2, lead: ids.lead, node: node.waiting, kind: 'flow' },
  } as const;
  type RunName = keyof typeof runs;
  const workflowIds = Object.fromEntries(Object.keys(runs).map((name) => [name, `runbook-${name}-${randomUUID()}`]));

  /** Which runs each documented query must find, by the runbook's "looking for" column. */
  const expected: Record<string, RunName[]> = {
    'every run of one contact': ['oldWaiting', 'otherTenantSmoke', 'terminated'],
    "one flow's runs for one tenant": ['current', 'oldWaiting', 'terminated'],
    'runs still on an old flow version': ['oldWaiting', 'otherTenantSmoke', 'terminated'],
    'runs failing right now': [],
    'runs waiting at one node': ['oldWaiting', 'otherTenantSmoke'],
    "the launcher's self-check runs": ['otherTenantSmoke'],
  };
  const namesOf = (workflowIdsFound: string[]) =>
    Object.entries(workflowIds)
      .filter(([, id]) => workflowIdsFound.includes(id))
      .map(([name]) => name)
      .sort();

  const listIds = async (query: string) => {
    const found: string[] = [];
    for await (const execution of client.workflow.list({ query })) found.push(execution.workflowId);
    return found;
  };
  const address = () => requireService('temporal');
  const cli = (args: string[]) =>
    run(temporalBinaries().cli, [...args, '--address', address(), '--namespace', 'default'], { timeout: 30_000 });

  beforeAll(async () => {
    connection = await Connection.connect({ address: address() });
    client = new Client({ connection, namespace: 'default' });
    for (const [name, attrs] of Object.entries(runs)) {
      await client.workflow.start('cadenzaRunbookProbe', {
        taskQueue,
        workflowId: workflowIds[name]!,
        typedSearchAttributes: new TypedSearchAttributes([
          { key: runSearchAttributeKeys.TenantId, value: attrs.tenant },
          { key: runSearchAttributeKeys.FlowId, value: ids.flow },
          { key: runSearchAttributeKeys.FlowVersion, value: attrs.version },
          { key: runSearchAttributeKeys.LeadId, value: attrs.lead },
          { key: runSearchAttributeKeys.NodeId, value: attrs.node },
          { key: runSearchAttributeKeys.RunKind, value: attrs.kind },
        ]),
      });
    }
  });

  afterAll(async () => {
    for (const id of Object.values(workflowIds)) {
      await client?.workflow
        .getHandle(id)
        .terminate('runbook test over')
        .catch(() => undefined);
    }
    await connection?.close();
  });

  it('acts on runs with the documented CLI commands (terminate, cancel; reset flags exist)', async () => {
    const commands = runbookCliCommands(runbook);
    expect(commands.map((words) => words.slice(0, 3).join(' '))).toEqual(
      expect.arrayContaining(['temporal workflow reset', 'temporal workflow cancel', 'temporal workflow terminate']),
    );
    // Global and connection flags (--codec-endpoint, --address) are listed by `temporal options`.
    const { stdout: globalFlags } = await run(temporalBinaries().cli, ['options']);
    for (const words of commands) {
      // Every flag the runbook writes exists on that command, or for every command.
      const { stdout: help } = await run(temporalBinaries().cli, [...words.slice(1, 3), '--help']);
      for (const flag of words.filter((word) => word.startsWith('--'))) expect(help + globalFlags).toContain(flag);
    }
    const act = async (verb: string, target: RunName) => {
      const words = commands.find((command) => command[2] === verb)!;
      await cli(words.slice(1).map((word) => (word === '<id>' ? workflowIds[target]! : fill(word))));
    };
    await act('terminate', 'terminated');
    await act('cancel', 'current'); // nobody polls it, so it stays Running with the request in its history
    const terminated = await client.workflow.getHandle(workflowIds.terminated!).describe();
    expect(terminated.status.name).toBe('TERMINATED');
    const history = await client.workflow.getHandle(workflowIds.current!).fetchHistory();
    expect(history.events?.some((event) => event.workflowExecutionCancelRequestedEventAttributes)).toBe(true);
  });

  it('finds exactly the documented runs with every list filter of the runbook', async () => {
    const queries = runbookQueries(runbook);
    expect(queries.map((query) => query.lookingFor).sort()).toEqual(Object.keys(expected).sort());
    for (const { lookingFor, query } of queries) {
      // Scoped to this test's task queue: the dev server is shared with other test files.
      const scoped = `(${fill(query)}) AND TaskQueue = "${taskQueue}"`;
      const want = [...expected[lookingFor]!].sort();
      // Visibility is eventually consistent: the terminate above may take a moment to show.
      await waitUntil(
        `the runbook query for "${lookingFor}"`,
        async () => {
          const names = namesOf(await listIds(scoped));
          if (JSON.stringify(names) !== JSON.stringify(want))
            throw new Error(`${scoped} found ${JSON.stringify(names)}, want ${JSON.stringify(want)}`);
          return true;
        },
        { timeoutMs: 15_000, intervalMs: 250 },
      );
    }
  });

  it('runs the CLI equivalent of the list filter', async () => {
    const line = runbook.match(/CLI equivalent: `([^`]+)`/)?.[1];
    expect(line).toBeDefined();
    const words = shellWords(fill(line!));
    expect(words.slice(0, 3)).toEqual(['temporal', 'workflow', 'list']);
    const { stdout } = await cli([...words.slice(1), '--output', 'json']);
    const found = (JSON.parse(stdout) as Array<{ execution: { workflowId: string } }>).map(
      (entry) => entry.execution.workflowId,
    );
    expect(namesOf(found)).toEqual(['oldWaiting', 'otherTenantSmoke', 'terminated']);
  });

  it('is refused by the server when a filter is wrong, so the checks above can fail', async () => {
    await expect(listIds(`LeadIdentifier = "${ids.lead}" AND TaskQueue = "${taskQueue}"`)).rejects.toThrow();
    await expect(listIds(`ExecutionStatus = "Broken" AND TaskQueue = "${taskQueue}"`)).rejects.toThrow();
  });
});
