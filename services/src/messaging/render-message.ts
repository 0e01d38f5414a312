import Handlebars from 'handlebars';
import { LIMITS, LimitExceededError, UserError } from '@cadenza/core';
import { assertTemplateNesting } from '@cadenza/core/templates';

/** What a template may refer to: {{contact.firstName}}, {{steps.<nodeId>.<key>}}, {{sender.name}}... */
export type MessageTemplateContext = Record<string, unknown>;

/**
 * A Handlebars environment of our own (not the global one), with only the helpers templates
 * need: if, unless, each, with, and {{default contact.firstName "there"}}, which falls back
 * when the value is missing or empty (helper arguments are not strict lookups, which is what
 * makes the fallback possible). Removed built-ins, which then fail the render as unknown:
 * `log` wrote request-controlled text into the process log; `lookup` reads a property by a
 * computed name; the `inline` decorator defines partials inside a template, out of reach of
 * the snippet checks and the include budget.
 */
const handlebars = Handlebars.create();
export const REMOVED_HELPERS = ['log', 'lookup'] as const;
for (const name of REMOVED_HELPERS) handlebars.unregisterHelper(name);
handlebars.unregisterDecorator('inline');
/** The compiler calls known helpers directly; told these are unknown, it reports them as missing. */
const NOT_KNOWN = Object.fromEntries(REMOVED_HELPERS.map((name) => [name, false]));
handlebars.registerHelper('default', (value: unknown, fallback: unknown) =>
  value === undefined || value === null || value === '' ? fallback : value,
);

/** Contact fields are kept at the top level of the snapshot's `fields`; templates say contact.<field>. */
export interface RenderOptions {
  /** Escape values for HTML (email bodies) or not (subjects, SMS, Slack). */
  html: boolean;
  /** The tenant's snippets by name, included as {{> name}}; rendered with the same context and escaping. */
  snippets?: Readonly<Record<string, string>>;
}

/**
 * Renders a template strictly: a variable that is missing from the context is an error
 * naming it, unless the template gives a fallback with the default helper. The render has a
 * budget (LIMITS): snippets included at most maxSnippetIncludes times and maxSnippetDepth deep,
 * and no part over maxRenderedTemplateBytes; past it a LimitExceededError (400) names the limit.
 * Snippets that include each other twice per level otherwise double the output per level.
 */
export function renderMessageTemplate(
  template: string,
  context: MessageTemplateContext,
  options: RenderOptions,
  field = 'template',
): string {
  try {
    const compileOptions: CompileOptions = { strict: true, noEscape: !options.html, knownHelpers: NOT_KNOWN };
    assertTemplateNesting(template, field);
    const compiled = handlebars.compile(template, compileOptions);
    const partials = budgetedSnippets(options.snippets ?? {}, compileOptions, field);
    return withinOutputBudget(compiled(context, { partials }), field);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('template_invalid', `${field}: ${explain(error as Error)}`, { field });
  }
}

type Partial = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/**
 * Each snippet as a partial function that counts its inclusions and depth and checks its
 * output before handing it up, so a snippet bomb stops at the budget instead of building
 * megabytes first. Handlebars calls a function partial with the context and its own options
 * (helpers, partials, data), which the compiled snippet takes as they are.
 */
function budgetedSnippets(
  snippets: Readonly<Record<string, string>>,
  compileOptions: CompileOptions,
  field: string,
): Record<string, Partial> {
  let includes = 0;
  const chain: string[] = [];
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const partial =
    (name: string): Partial =>
    (context, options) => {
      if (chain.includes(name)) {
        throw new UserError(
          'template_invalid',
          `${field}: a snippet includes itself (${[...chain, name].join(' -> ')})`,
          {
            field,
          },
        );
      }
      includes += 1;
      if (includes > LIMITS.maxSnippetIncludes) {
        throw new LimitExceededError(
          'maxSnippetIncludes',
          `${field}: a message may include snippets at most ${LIMITS.maxSnippetIncludes} times in all (this one includes more)`,
          undefined,
          400,
        );
      }
      if (chain.length >= LIMITS.maxSnippetDepth) {
        throw new LimitExceededError(
          'maxSnippetDepth',
          `${field}: snippets may include snippets at most ${LIMITS.maxSnippetDepth} deep (${[...chain, name].join(' -> ')})`,
          chain.length + 1,
          400,
        );
      }
      let render = compiled.get(name);
      if (!render) {
        assertTemplateNesting(snippets[name]!, `${field}: snippet "${name}"`);
        render = handlebars.compile(snippets[name]!, compileOptions);
        compiled.set(name, render);
      }
      chain.push(name);
      try {
        return withinOutputBudget(render(context, options), field);
      } finally {
        chain.pop();
      }
    };
  return Object.fromEntries(Object.keys(snippets).map((name) => [name, partial(name)]));
}

/** The rendered text, or a LimitExceededError when it is over LIMITS.maxRenderedTemplateBytes. */
function withinOutputBudget(output: string, field: string): string {
  // A string's length never exceeds its UTF-8 size, so the cheap test first.
  const bytes = output.length > LIMITS.maxRenderedTemplateBytes ? output.length : Buffer.byteLength(output);
  if (bytes > LIMITS.maxRenderedTemplateBytes) {
    throw new LimitExceededError(
      'maxRenderedTemplateBytes',
      `${field}: a rendered message may be at most ${LIMITS.maxRenderedTemplateBytes} bytes (this one reached ${bytes})`,
      bytes,
      400,
    );
  }
  return output;
}

function explain(error: Error): string {
  // A snippet that includes itself slipped past the save-time check: Handlebars recurses until the stack ends.
  if (error instanceof RangeError) return 'a snippet includes itself';
  const message = error.message.replace(/\s+/g, ' ');
  const missing = /"([^"]+)" not defined in/.exec(message);
  // Strict mode looks a removed helper up as a variable first.
  const helper =
    /Missing helper: "(\S+)"/.exec(message) ?? (REMOVED_HELPERS.some((name) => name === missing?.[1]) ? missing : null);
  if (helper) return `templates have no helper "${helper[1]}" (they have if, unless, each, with and default)`;
  if (missing) {
    return `the variable "${missing[1]}" is missing; give a fallback such as {{default contact.firstName "there"}}`;
  }
  const snippet = /The partial (\S+) could not be found/.exec(message);
  if (snippet) return `the snippet "${snippet[1]}" does not exist`;
  return message;
}
