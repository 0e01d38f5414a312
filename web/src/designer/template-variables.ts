import type { TemplateVariableCatalogue } from '@cadenza/core';
import type { DesignerNode } from './designer-types';

export interface TemplateVariable {
  label: string;
  /** The placeholder inserted into the template, e.g. `{{contact.firstName}}`. */
  token: string;
}
export interface VariableGroup {
  title: string;
  description?: string;
  variables: TemplateVariable[];
}

/** Outputs later steps may read, by kind: `{{steps.<id>.<key>}}`. */
const STEP_OUTPUTS: Partial<Record<DesignerNode['type'], readonly string[]>> = { llm_generate: ['text'] };

/**
 * What a send template may refer to, grouped for the picker: the workspace's catalogue from the
 * API (contact, custom fields, company, deal, sender, owner: what the renderer puts in a
 * template's context, so a picked variable also passes the publish check), then the outputs of
 * this flow's steps, which only the designer knows.
 */
export function variableGroups(
  catalogue: TemplateVariableCatalogue | undefined,
  nodes: readonly DesignerNode[],
): VariableGroup[] {
  const groups: VariableGroup[] = (catalogue?.groups ?? []).map((group) => ({
    title: group.title,
    description: group.description,
    variables: group.variables.map((v) => ({ label: v.label, token: `{{${v.path}}}` })),
  }));
  const steps = nodes.flatMap((node) =>
    (STEP_OUTPUTS[node.type] ?? []).map((key) => ({
      label: `${node.label ?? node.id}: ${key}`,
      token: `{{steps.${node.id}.${key}}}`,
    })),
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
