import Handlebars from 'handlebars';
import { UserError } from '@cadenza/core';

/** What a template may refer to: {{contact.firstName}}, {{steps.<nodeId>.<key>}}, {{sender.name}}... */
export type MessageTemplateContext = Record<string, unknown>;

/**
 * A Handlebars environment of our own (not the global one), with one helper:
 * {{default contact.firstName "there"}} falls back when the value is missing or empty.
 * Helper arguments are not strict lookups, which is what makes the fallback possible.
 */
const handlebars = Handlebars.create();
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
 * naming it, unless the template gives a fallback with the default helper.
 */
export function renderMessageTemplate(
  template: string,
  context: MessageTemplateContext,
  options: RenderOptions,
  field = 'template',
): string {
  try {
    const compiled = handlebars.compile(template, { strict: true, noEscape: !options.html });
    return compiled(context, { partials: { ...options.snippets } });
  } catch (error) {
    throw new UserError('template_invalid', `${field}: ${explain(error as Error)}`, { field });
  }
}

function explain(error: Error): string {
  // A snippet that includes itself slipped past the save-time check: Handlebars recurses until the stack ends.
  if (error instanceof RangeError) return 'a snippet includes itself';
  const message = error.message.replace(/\s+/g, ' ');
  const missing = /"([^"]+)" not defined in/.exec(message);
  if (missing) {
    return `the variable "${missing[1]}" is missing; give a fallback such as {{default contact.firstName "there"}}`;
  }
  const snippet = /The partial (\S+) could not be found/.exec(message);
  if (snippet) return `the snippet "${snippet[1]}" does not exist`;
  return message;
}
