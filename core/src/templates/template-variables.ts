import { reachableSnippets, snippetBudgetProblem, snippetExpansion } from './snippet-references';
import { parseTemplate } from './template-nesting';
import {
  isKnownField,
  isTemplateRecord,
  isTemplateRecordField,
  strictTemplatesOf,
  TEMPLATE_RECORD_FIELDS,
  type FlowDefinition,
  type FlowValidationError,
  type FlowValidationResult,
} from '../index';

type Hbs = hbs.AST.Node & Record<string, unknown>;

/** Where a send template reads a variable strictly, i.e. where a missing value fails the send. */
export interface StrictVariable {
  /** Dotted path as written, e.g. "contact.firstName". */
  path: string;
  /** The placeholder as written, for the message. */
  source: string;
}

/** Blocks that change what `this` is: paths inside them are relative, not checked here. */
const CONTEXT_CHANGING = new Set(['each', 'with']);

/**
 * The variables a template reads strictly: `{{contact.x}}` and `{{{contact.x}}}` outside
 * blocks that change context. Helper arguments (`{{default contact.x "there"}}`,
 * `{{#if contact.x}}`) are not strict in Handlebars, so they carry their own fallback.
 * Throws Handlebars' parse error for a template that does not compile.
 */
export function strictTemplateVariables(template: string): StrictVariable[] {
  const found: StrictVariable[] = [];
  const visit = (node: Hbs | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') for (const statement of node.body as Hbs[]) visit(statement);
    else if (node.type === 'MustacheStatement') {
      const path = node.path as Hbs;
      const params = node.params as unknown[];
      if (path.type === 'PathExpression' && params.length === 0 && !(node.hash as unknown)) {
        const original = path.original as string;
        if (!(path.data as boolean) && original !== 'this' && original !== '.')
          found.push({ path: original, source: `{{${original}}}` });
      }
    } else if (node.type === 'BlockStatement') {
      const name = ((node.path as Hbs).original as string) ?? '';
      if (!CONTEXT_CHANGING.has(name)) visit(node.program as Hbs);
      visit(node.inverse as Hbs | undefined);
    }
  };
  visit(parseTemplate(template) as unknown as Hbs);
  return found;
}

/**
 * Publish-time check of every send template in a flow: it must compile, every snippet it
 * includes ({{> name}}, also through other snippets) must exist, and each strictly read
 * variable, in the template or its snippets, must exist for every contact (a known contact
 * field, a field of company / deal / sender / owner, or an earlier step's output), otherwise
 * the step would fail when it runs.
 * `{{default ...}}` is the way out.
 */
export function checkSendTemplates(
  definition: FlowDefinition,
  knownFields: readonly string[],
  snippets: Readonly<Record<string, string>> = {},
): FlowValidationError[] {
  const known = new Set(knownFields);
  const nodeIds = new Set(definition.nodes.map((node) => node.id));
  const errors: FlowValidationError[] = [];
  for (const node of definition.nodes) {
    for (const { setting, text: template } of strictTemplatesOf(node)) {
      const at = { nodeId: node.id, path: `settings.${setting}` };
      let variables: Array<StrictVariable & { snippet?: string }>;
      try {
        const { found, missing } = reachableSnippets(template, snippets);
        for (const name of missing) {
          errors.push({
            code: 'unknown_snippet',
            ...at,
            message: `Step "${node.id}" includes {{> ${name}}} in its ${setting}, but there is no snippet "${name}"; add it under Snippets or remove it.`,
          });
        }
        const overBudget = snippetBudgetProblem(snippetExpansion(template, snippets));
        if (overBudget) {
          errors.push({ code: 'invalid_setting', ...at, message: `Step "${node.id}": its ${setting} ${overBudget}.` });
        }
        variables = [
          ...strictTemplateVariables(template),
          ...found.flatMap((name) =>
            strictTemplateVariables(snippets[name]!).map((variable) => ({ ...variable, snippet: name })),
          ),
        ];
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        errors.push({
          code: 'invalid_setting',
          ...at,
          message: `Step "${node.id}": the ${setting} does not compile (${reason}).`,
        });
        continue;
      }
      for (const variable of variables) {
        const problem = unknownVariable(variable.path, known, nodeIds);
        const where = variable.snippet ? `the snippet "${variable.snippet}" of its ${setting}` : `its ${setting}`;
        if (problem)
          errors.push({
            code: 'unknown_field',
            ...at,
            message: `Step "${node.id}" uses ${variable.source} in ${where}, but ${problem}; give a fallback such as {{default ${variable.path} "…"}}.`,
          });
      }
    }
  }
  return errors;
}

/** Why a strictly read variable would not exist when the step runs, or null when it will. Exported for tests. */
export function unknownVariable(path: string, known: ReadonlySet<string>, nodeIds: ReadonlySet<string>): string | null {
  const [root = '', ...rest] = path.split('.');
  const field = rest.join('.');
  if (root === 'contact') {
    // contact.id and contact.score are always there (see the activity's template context).
    if (field === 'id' || field === 'score' || isKnownField(field, known)) return null;
    return `contacts have no field "${field}"`;
  }
  if (root === 'steps') {
    // What a step outputs is only known when it runs: the step must at least exist.
    return rest[0] && nodeIds.has(rest[0]) ? null : `the flow has no step "${rest[0] ?? ''}"`;
  }
  if (isTemplateRecord(root)) {
    // Every field of a record is in the context (null when the contact has no such record).
    if (isTemplateRecordField(root, field)) return null;
    return `${root} has no field "${field}" (it has ${Object.keys(TEMPLATE_RECORD_FIELDS[root]).join(', ')})`;
  }
  return `templates know only contact.<field>, ${Object.keys(TEMPLATE_RECORD_FIELDS)
    .map((record) => `${record}.<field>`)
    .join(', ')} and steps.<step>.<output>, not "${root}"`;
}

/** Adds the send-template checks to a structural validation that passed. */
export function withSendTemplateChecks(
  result: FlowValidationResult,
  knownFields: readonly string[],
  snippets: Readonly<Record<string, string>> = {},
): FlowValidationResult {
  if (!result.ok) return result;
  const errors = checkSendTemplates(result.definition, knownFields, snippets);
  return errors.length > 0 ? { ok: false, errors } : result;
}
