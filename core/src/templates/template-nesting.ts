import Handlebars from 'handlebars';
import { LIMITS, LimitExceededError } from '../index';

/** One mustache: its opening sigil (`#`, `^`, `/` or none) and what it holds up to the first `}`. */
const MUSTACHE = /\{\{\{?~?\s*([#^/!]?)([^}]*)\}/g;

/**
 * How deeply a template's blocks and sub-expressions nest, read from the raw text in one
 * pass, before Handlebars sees it: Handlebars parses and compiles nesting in quadratic time
 * with recursion (800 nested {{#if}} took 1.5 s, 5,000 overflowed the stack after 40 s).
 * A scan, not a parser: a parenthesis inside a string literal counts too, which only ever
 * makes the answer larger.
 */
export function templateNestingDepth(template: string): number {
  let blocks = 0;
  let deepest = 0;
  for (const [, sigil, inside = ''] of template.matchAll(MUSTACHE)) {
    if (sigil === '!') continue;
    if (sigil === '/') {
      blocks = Math.max(0, blocks - 1);
      continue;
    }
    // `{{^}}` alone is an else, not a block.
    if (sigil === '#' || (sigil === '^' && inside.trim() !== '')) blocks += 1;
    let parens = 0;
    let deepestParens = 0;
    for (const char of inside) {
      if (char === '(') deepestParens = Math.max(deepestParens, ++parens);
      else if (char === ')') parens = Math.max(0, parens - 1);
    }
    deepest = Math.max(deepest, blocks + deepestParens);
  }
  return deepest;
}

/** Refuses a template nested deeper than LIMITS.maxTemplateNesting, naming the setting and the limit. */
export function assertTemplateNesting(template: string, field: string): void {
  const depth = templateNestingDepth(template);
  if (depth > LIMITS.maxTemplateNesting) {
    throw new LimitExceededError(
      'maxTemplateNesting',
      `${field}: blocks and sub-expressions may nest at most ${LIMITS.maxTemplateNesting} deep (this one nests ${depth} deep)`,
      depth,
      400,
    );
  }
}

/** Handlebars.parse behind the nesting check: every syntax-tree walk of a template starts here. */
export function parseTemplate(template: string, field = 'template'): hbs.AST.Program {
  assertTemplateNesting(template, field);
  return Handlebars.parse(template);
}
