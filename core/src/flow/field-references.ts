import type { Node } from './node-kinds';
import { namedFieldsOf } from './node-kind-metadata';

/** A place where a node depends on a contact field existing. */
export type FieldReference = {
  /** Field path without the `contact.` prefix, e.g. "firstName" or "custom.industry". */
  field: string;
  /** The placeholder as written, when the reference is inside text. */
  template?: string;
};

const CONTACT_PLACEHOLDER = /\{\{\s*contact\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)[^}]*\}\}/g;

/** The `{{contact.<field>}}` placeholders in one piece of text. */
export function templateReferences(text: string): FieldReference[] {
  return [...text.matchAll(CONTACT_PLACEHOLDER)].map((match) => ({ field: match[1] ?? '', template: match[0] }));
}

/**
 * Every contact field a node reads or writes: placeholders in any text setting, `contact.`
 * fields in conditions (found by shape, wherever a kind nests them), and the settings that
 * name a field outright (each kind declares those: NodeKindInfo.namedFields).
 */
export function contactFieldReferences(node: Node): FieldReference[] {
  const found: FieldReference[] = [];
  walk(node.settings, (value) => {
    if (typeof value === 'string') found.push(...templateReferences(value));
    else if (isConditionRule(value) && value.field.startsWith('contact.')) {
      found.push({ field: value.field.slice('contact.'.length) });
    }
  });
  found.push(...namedFieldsOf(node).map((field) => ({ field })));
  return found;
}

/** True when the field, or an object field containing it (`custom` for `custom.industry`), is known. */
export function isKnownField(field: string, knownFields: ReadonlySet<string>): boolean {
  const parts = field.split('.');
  return parts.some((_, i) => knownFields.has(parts.slice(0, i + 1).join('.')));
}

function isConditionRule(value: object): value is { field: string; operator: string } {
  return 'operator' in value && 'field' in value && typeof value.field === 'string';
}

/**
 * Visits every string and object in a settings value, depth first in document order, with a
 * work list rather than recursion, so no nesting depth can overflow the stack.
 */
function walk(root: unknown, visit: (value: string | object) => void): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') visit(value);
    else if (value !== null && typeof value === 'object') {
      visit(value);
      const children = Array.isArray(value) ? value : Object.values(value);
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
}
