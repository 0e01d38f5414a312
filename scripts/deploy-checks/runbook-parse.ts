/** Reads the Temporal queries and CLI commands out of deploy/runbook.md, so tests run what ops read. */

export interface RunbookQuery {
  /** The "looking for" cell of the row. */
  lookingFor: string;
  /** The visibility query, placeholders such as `<lead id>` left in. */
  query: string;
}

/** Rows of the table under "## Find a run": `| looking for | \`query\` |`. */
export function runbookQueries(markdown: string): RunbookQuery[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Find a run')) ?? '';
  return section
    .split('\n')
    .map((line) => line.match(/^\|\s*([^|]+?)\s*\|\s*`([^`]+)`\s*\|\s*$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map(([, lookingFor, query]) => ({ lookingFor: lookingFor!, query: query! }));
}

/** Every inline-code `temporal workflow <verb> ...` command outside "CLI equivalent" lines, split into words. */
export function runbookCliCommands(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => !line.startsWith('CLI equivalent'))
    .flatMap((line) => [...line.matchAll(/`(temporal workflow [^`]+)`/g)].map(([, command]) => shellWords(command!)))
    .filter((words) => words[2] !== 'list');
}

/** Splits a command line as a POSIX shell would for plain words and '…' / "…" quoting (no escapes, no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const [, single, double, plain] of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    words.push(single ?? double ?? plain!);
  }
  return words;
}
