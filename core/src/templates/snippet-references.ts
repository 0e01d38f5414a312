import { LIMITS } from '../index';
import { parseTemplate } from './template-nesting';

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
 * Every inclusion of a snippet in a template ({{> name}} and {{#> name}}...{{/name}}), once per
 * place it appears, in order of appearance. The syntax tree is walked with a work list, so no
 * nesting of blocks can overflow the stack. Throws Handlebars' parse error for a template that
 * does not compile, and a LimitExceededError for one nested past LIMITS.maxTemplateNesting.
 */
export function snippetIncludesIn(template: string): string[] {
  const includes: string[] = [];
  const pending: Array<Hbs | null | undefined> = [parseTemplate(template) as unknown as Hbs];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) continue;
    // Children are pushed last first, so they are visited in document order.
    switch (node.type) {
      case 'Program':
        pending.push(...(node.body as Hbs[]).slice().reverse());
        break;
      case 'BlockStatement':
        pending.push(node.inverse as Hbs | undefined, node.program as Hbs);
        break;
      case 'PartialStatement':
        includes.push(partialName(node));
        break;
      case 'PartialBlockStatement':
        includes.push(partialName(node));
        pending.push(node.program as Hbs);
        break;
      default:
        break;
    }
  }
  return includes;
}

/** The snippets a template includes, each once, in order of appearance. */
export function snippetNamesIn(template: string): string[] {
  return [...new Set(snippetIncludesIn(template))];
}

/** How much a template makes a render include: see snippetExpander. */
export interface SnippetExpansion {
  /** Inclusions in all, each counted every time it renders (Infinity for a loop). */
  includes: number;
  /** The longest chain of inclusions: 1 for a template including a snippet with none (Infinity for a loop). */
  depth: number;
}

const NONE: SnippetExpansion = { includes: 0, depth: 0 };
const LOOP: SnippetExpansion = { includes: Infinity, depth: Infinity };

function expansionOf(includes: readonly string[], inner: (name: string) => SnippetExpansion): SnippetExpansion {
  let total = 0;
  let deepest = 0;
  for (const name of includes) {
    const expansion = inner(name);
    total += 1 + expansion.includes;
    deepest = Math.max(deepest, 1 + expansion.depth);
  }
  return { includes: total, depth: deepest };
}

/**
 * Measures what rendering a template would include, before any render: a snippet that includes
 * another twice, itself included twice, counts four inclusions of the last one. The budget the
 * renderer enforces (LIMITS.maxSnippetIncludes, maxSnippetDepth) is checked with this when
 * snippets and flows are saved. An inclusion inside {{#each}} counts once (what a list multiplies
 * is checked as it renders); a missing snippet counts as one inclusion; a loop is Infinity.
 * Each snippet is parsed and measured once per expander, depth first with an explicit stack.
 */
export function snippetExpander(bodies: Readonly<Record<string, string>>): (template: string) => SnippetExpansion {
  const parsed = new Map<string, string[]>();
  const includesOf = (name: string) => {
    let includes = parsed.get(name);
    if (!includes) parsed.set(name, (includes = snippetIncludesIn(bodies[name]!)));
    return includes;
  };
  const measured = new Map<string, SnippetExpansion>();
  const exists = (name: string) => Object.hasOwn(bodies, name);

  const measure = (root: string): SnippetExpansion => {
    const onPath = new Set([root]);
    const stack = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const includes = includesOf(frame.name);
      if (frame.next < includes.length) {
        const child = includes[frame.next++]!;
        if (exists(child) && !measured.has(child) && !onPath.has(child)) {
          onPath.add(child);
          stack.push({ name: child, next: 0 });
        }
        continue;
      }
      // A child still on the path leads back here: a loop, infinite wherever it is included.
      const inner = (name: string) => (!exists(name) ? NONE : onPath.has(name) ? LOOP : measured.get(name)!);
      measured.set(frame.name, expansionOf(includes, inner));
      onPath.delete(frame.name);
      stack.pop();
    }
    return measured.get(root)!;
  };

  return (template) =>
    expansionOf(snippetIncludesIn(template), (name) => (!exists(name) ? NONE : (measured.get(name) ?? measure(name))));
}

/**
 * Which render budget (LIMITS) a template's snippets would break, said after "its body", or null.
 * Checked when snippets and flows are saved; the renderer enforces the same limits as it renders.
 */
export function snippetBudgetProblem(expansion: SnippetExpansion): string | null {
  if (expansion.depth > LIMITS.maxSnippetDepth) {
    return `includes snippets more than ${LIMITS.maxSnippetDepth} deep, the limit (maxSnippetDepth)`;
  }
  if (expansion.includes > LIMITS.maxSnippetIncludes) {
    return `would include snippets ${expansion.includes} times when it renders, more than the limit of ${LIMITS.maxSnippetIncludes} (maxSnippetIncludes)`;
  }
  return null;
}

/** snippetExpander for one template. */
export const snippetExpansion = (template: string, bodies: Readonly<Record<string, string>>): SnippetExpansion =>
  snippetExpander(bodies)(template);

/**
 * A chain of snippets that includes itself (a -> b -> a), which would render forever, or
 * null. Snippets that are named but missing are not followed here.
 */
export function snippetCycle(bodies: Readonly<Record<string, string>>): string[] | null {
  const done = new Set<string>();
  for (const root of Object.keys(bodies)) {
    if (done.has(root)) continue;
    // Depth first with an explicit path, so a long chain of snippets cannot overflow the stack.
    const path = [{ name: root, next: snippetNamesIn(bodies[root]!), index: 0 }];
    const onPath = new Set([root]);
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      if (frame.index === frame.next.length) {
        done.add(frame.name);
        onPath.delete(frame.name);
        path.pop();
        continue;
      }
      const name = frame.next[frame.index++]!;
      if (onPath.has(name)) {
        const names = path.map((step) => step.name);
        return [...names.slice(names.indexOf(name)), name];
      }
      if (done.has(name) || !(name in bodies)) continue;
      onPath.add(name);
      path.push({ name, next: snippetNamesIn(bodies[name]!), index: 0 });
    }
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
  const seen = new Set<string>();
  const queue = snippetNamesIn(template);
  // An index rather than queue.shift(), and a set rather than found.includes: linear in the snippets.
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head]!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!(name in bodies)) {
      missing.push(name);
      continue;
    }
    found.push(name);
    queue.push(...snippetNamesIn(bodies[name]!));
  }
  return { found, missing };
}
