import { runbookCliCommands, runbookQueries, shellWords } from './runbook-parse';

const sample = `# Runbook

## Find a run

| looking for | query |
| --- | --- |
| every run of one contact | \`LeadId = "<lead id>"\` |
| runs failing | \`FlowId = "<flow id>" AND ExecutionStatus = "Failed"\` |

CLI equivalent: \`temporal workflow list --query 'LeadId = "<lead id>"'\`.

## Act on a run

| action | what Temporal does |
| --- | --- |
| **Retry** | \`not a query\` and more |

CLI: \`temporal workflow reset --workflow-id <id> --event-id <n> --reason "..."\`,
\`temporal workflow cancel --workflow-id <id>\`.
`;

describe('runbook parsing', () => {
  it('takes the query rows of "Find a run" only, placeholders kept', () => {
    expect(runbookQueries(sample)).toEqual([
      { lookingFor: 'every run of one contact', query: 'LeadId = "<lead id>"' },
      { lookingFor: 'runs failing', query: 'FlowId = "<flow id>" AND ExecutionStatus = "Failed"' },
    ]);
  });

  it('takes the action commands as shell words, not the list equivalent', () => {
    expect(runbookCliCommands(sample)).toEqual([
      ['temporal', 'workflow', 'reset', '--workflow-id', '<id>', '--event-id', '<n>', '--reason', '...'],
      ['temporal', 'workflow', 'cancel', '--workflow-id', '<id>'],
    ]);
  });

  it('splits quoted words as a shell does', () => {
    expect(shellWords(`temporal workflow list --query 'LeadId = "x"' --reason "two words"`)).toEqual([
      'temporal',
      'workflow',
      'list',
      '--query',
      'LeadId = "x"',
      '--reason',
      'two words',
    ]);
  });
});
