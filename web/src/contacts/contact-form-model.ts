import {
  ContactUpdateSchema,
  checkCustomFieldValues,
  type Contact,
  type ContactUpdate,
  type CustomFieldDefinition,
} from '@cadenza/core';

/** The standard fields the contact page edits, as text inputs. */
export const EDITABLE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'lifecycleStage',
  'leadStatus',
  'tags',
] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the inputs hold: text for every field, custom fields under `custom.<key>`. */
export type ContactForm = Record<EditableField, string> & { custom: Record<string, string> };

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export function formFromContact(contact: Contact, definitions: CustomFieldDefinition[]): ContactForm {
  return {
    firstName: asText(contact.firstName),
    lastName: asText(contact.lastName),
    email: asText(contact.email),
    phone: asText(contact.phone),
    title: asText(contact.title),
    lifecycleStage: asText(contact.lifecycleStage),
    leadStatus: asText(contact.leadStatus),
    tags: contact.tags.join(', '),
    custom: Object.fromEntries(definitions.map((d) => [d.key, asText(contact.customFields[d.key])])),
  };
}

/** Text to the value stored for the field's type; an unparseable number stays text so the check names it. */
function customValue(definition: CustomFieldDefinition, text: string): unknown {
  if (text.trim() === '') return null;
  if (definition.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (definition.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text.trim();
}

/**
 * The PATCH for what changed between the contact and the form, checked with the same
 * schemas the API uses, so most mistakes show before a request; the server's answer can
 * still add errors (a duplicate email). Errors are keyed like `email` or `customFields.seats`.
 */
export function patchFromForm(
  contact: Contact,
  form: ContactForm,
  definitions: CustomFieldDefinition[],
): { patch: ContactUpdate; errors: Record<string, string> } {
  const before = formFromContact(contact, definitions);
  const draft: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    if (form[field] === before[field]) continue;
    draft[field] =
      field === 'tags'
        ? form.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : form[field].trim() === ''
          ? null
          : form[field].trim();
  }
  const custom: Record<string, unknown> = {};
  for (const definition of definitions) {
    const text = form.custom[definition.key] ?? '';
    if (text !== before.custom[definition.key]) custom[definition.key] = customValue(definition, text);
  }
  if (Object.keys(custom).length) draft.customFields = custom;

  const errors: Record<string, string> = {};
  for (const problem of checkCustomFieldValues(definitions, custom)) errors[problem.field] = problem.message;
  const parsed = ContactUpdateSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      if (!key.startsWith('customFields')) errors[issue.path[0] === 'tags' ? 'tags' : key] ??= issue.message;
    }
  }
  return { patch: parsed.success ? parsed.data : (draft as ContactUpdate), errors };
}
