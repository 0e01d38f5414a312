import type { ContactSnapshot } from './contact-snapshot';
import { readPath } from './contact-fields';

export type TemplateContext = {
  contact: ContactSnapshot;
  /** Outputs of earlier steps by node id, e.g. { draft: { text: '...' } } for {{steps.draft.text}}. */
  steps?: Record<string, Record<string, unknown>>;
};

export type RenderedTemplate = {
  text: string;
  /** Placeholders with no value (as written inside the braces, trimmed), each listed once. */
  missing: string[];
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Fills `{{contact.<field>}}`, `{{contact.custom.<field>}}` and `{{steps.<nodeId>.<key>}}`
 * placeholders. A placeholder with no value (or an unknown namespace) renders empty and is
 * listed in `missing`, so the step can record what was left out instead of failing a send.
 * Plain text only: escaping for HTML is the email step's job.
 */
export function renderTemplate(
  text: string,
  context: TemplateContext,
  options: {
    /** Escapes each filled-in value for where the text goes (JSON string content for a JSON body); the template's own text is kept. */
    encode?: (value: string) => string;
  } = {},
): RenderedTemplate {
  const missing = new Set<string>();
  const encode = options.encode ?? ((value: string) => value);
  const rendered = text.replace(PLACEHOLDER, (_, path: string) => {
    const value = resolve(path, context);
    if (value === undefined || value === null) {
      missing.add(path);
      return '';
    }
    return encode(formatValue(value));
  });
  return { text: rendered, missing: [...missing] };
}

function resolve(path: string, context: TemplateContext): unknown {
  const [namespace, ...rest] = path.split('.');
  if (rest.length === 0) return undefined;
  if (namespace === 'contact') {
    // `id` is not a field but is what {{contact.id}} obviously means.
    if (rest.length === 1 && rest[0] === 'id') return context.contact.id;
    return readPath(context.contact.fields, rest);
  }
  if (namespace === 'steps') return readPath(context.steps, rest);
  return undefined;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map((item) => (item === null || item === undefined ? '' : formatValue(item))).join(', ');
  return JSON.stringify(value);
}
