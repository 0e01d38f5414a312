import { ContactSchema, type CustomFieldDefinition } from '@cadenza/core';
import { labelOf } from '../schema-form/json-schema';
import type { DesignerNode } from './designer-types';

export interface TemplateVariable {
  label: string;
  /** The placeholder inserted into the template, e.g. `{{contact.firstName}}`. */
  token: string;
}
export interface VariableGroup {
  title: string;
  variables: TemplateVariable[];
}

/** Contact fields a template cannot print usefully (objects, lists) or that belong to another group. */
const NOT_PRINTABLE = new Set(['customFields', 'tags', 'companyName', 'companyId', 'ownerId']);

/** Outputs later steps may read, by kind: `{{steps.<id>.<key>}}`. */
const STEP_OUTPUTS: Partial<Record<DesignerNode['type'], readonly string[]>> = { llm_generate: ['text'] };

const variable = (path: string, label: string): TemplateVariable => ({ label, token: `{{${path}}}` });

/**
 * What a send template may refer to, grouped for the picker. It follows what the renderer puts
 * in a template's context (contact fields with the company's name on the contact, custom fields
 * under contact.custom, earlier steps' outputs), so a picked variable also passes publish checks.
 */
export function variableGroups(
  customFields: readonly CustomFieldDefinition[],
  nodes: readonly DesignerNode[],
): VariableGroup[] {
  const contactFields = Object.keys(ContactSchema.shape).filter((field) => !NOT_PRINTABLE.has(field));
  const groups: VariableGroup[] = [
    { title: 'Contact', variables: contactFields.map((field) => variable(`contact.${field}`, labelOf(field))) },
    { title: 'Company', variables: [variable('contact.companyName', 'Company name')] },
  ];
  if (customFields.length) {
    groups.push({
      title: 'Custom fields',
      variables: customFields.map((field) => variable(`contact.custom.${field.key}`, field.label)),
    });
  }
  const steps = nodes.flatMap((node) =>
    (STEP_OUTPUTS[node.type] ?? []).map((key) =>
      variable(`steps.${node.id}.${key}`, `${node.label ?? node.id}: ${key}`),
    ),
  );
  if (steps.length) groups.push({ title: 'Earlier steps', variables: steps });
  return groups;
}

/** Puts `token` in place of the selected text (or at the caret) and says where the caret lands after it. */
export function insertToken(
  text: string,
  selection: { start: number; end: number } | undefined,
  token: string,
): { text: string; caret: number } {
  const start = Math.max(0, Math.min(selection?.start ?? text.length, text.length));
  const end = Math.max(start, Math.min(selection?.end ?? start, text.length));
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}
