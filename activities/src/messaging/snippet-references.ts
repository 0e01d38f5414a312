import Handlebars from 'handlebars';

type Hbs = hbs.AST.Node & Record<string, unknown>;

/** A template that includes a snippet by a computed name, which no check before the send can follow. */
export class DynamicSnippetName extends Error {
  constructor() {
    super('snippets must be included by name, as {{> name}}, not by an expression');
    this.name = 'DynamicSnippetName';
  }
}

function partialName(node: Hbs): string {
  const name = node.name as Hbs;
  if (name.type === 'PathExpression') return name.original as string;
  if (name.type === 'StringLiteral') return name.value as string;
  throw new DynamicSnippetName();
}

/**
 * The snippets a template includes ({{> name}} and {{#> name}}...{{/name}}), each once, in
 * order of appearance. Throws Handlebars' parse error for a template that does not compile.
 */
export function snippetNamesIn(template: string): string[] {
  const names = new Set<string>();
  const visit = (node: Hbs | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const statement of node.body as Hbs[]) visit(statement);
        return;
      case 'BlockStatement':
        visit(node.program as Hbs);
        visit(node.inverse as Hbs | undefined);
        return;
      case 'PartialStatement':
        names.add(partialName(node));
        return;
      case 'PartialBlockStatement':
        names.add(partialName(node));
        visit(node.program as Hbs);
        return;
      default:
        return;
    }
  };
  visit(Handlebars.parse(template) as unknown as Hbs);
  return [...names];
}

/**
 * A chain of snippets that includes itself (a -> b -> a), which would render forever, or
 * null. Snippets that are named but missing are not followed here.
 */
export function snippetCycle(bodies: Readonly<Record<string, string>>): string[] | null {
  const done = new Set<string>();
  const walk = (name: string, path: string[]): string[] | null => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name) || !(name in bodies)) return null;
    for (const next of snippetNamesIn(bodies[name]!)) {
      const cycle = walk(next, [...path, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return null;
  };
  for (const name of Object.keys(bodies)) {
    const cycle = walk(name, []);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Every snippet a template reaches, directly or through other snippets, and the names it
 * reaches that do not exist. Used at publish time and before a send.
 */
export function reachableSnippets(
  template: string,
  bodies: Readonly<Record<string, string>>,
): { found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  const queue = snippetNamesIn(template);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (found.includes(name) || missing.includes(name)) continue;
    if (!(name in bodies)) {
      missing.push(name);
      continue;
    }
    found.push(name);
    queue.push(...snippetNamesIn(bodies[name]!));
  }
  return { found, missing };
}
