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
    return compiled(context);
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, ' ');
    const missing = /"([^"]+)" not defined in/.exec(message);
    throw new UserError(
      'template_invalid',
      missing
        ? `${field}: the variable "${missing[1]}" is missing; give a fallback such as {{default contact.firstName "there"}}`
        : `${field}: ${message}`,
      { field },
    );
  }
}
