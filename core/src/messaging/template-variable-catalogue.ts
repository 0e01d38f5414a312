import { z } from 'zod';
import { ContactSchema } from '../crm/contact';

/**
 * The records a send template (email subject and body, SMS, Slack) reads besides earlier
 * steps' outputs (`steps.<stepId>.<output>`). Each is an object in the template's context
 * whose fields are fixed here, so the publish-time check, the renderer, the variables API and
 * the designer's picker all agree on what exists. A record the contact lacks (no company, no
 * open deal, no owner) is still there with every field null: `{{company.name}}` prints nothing
 * and `{{default company.name "your team"}}` prints the fallback.
 */
export const TEMPLATE_RECORD_FIELDS = {
  company: {
    id: 'Company id',
    name: 'Company name',
    domain: 'Company domain',
    industry: 'Industry',
    size: 'Number of employees',
  },
  deal: {
    id: 'Deal id',
    name: 'Deal name',
    amount: 'Amount',
    currency: 'Currency',
    stage: 'Stage',
    pipeline: 'Pipeline',
    probability: 'Win probability (%)',
    closeDate: 'Close date',
  },
  sender: {
    name: 'Sender name',
    email: 'Sender email',
  },
  owner: {
    id: 'Owner id',
    name: 'Owner name',
    email: 'Owner email',
  },
} as const satisfies Record<string, Record<string, string>>;

export type TemplateRecord = keyof typeof TEMPLATE_RECORD_FIELDS;
export const TEMPLATE_RECORDS = Object.keys(TEMPLATE_RECORD_FIELDS) as TemplateRecord[];

/** What each record is, for the picker and the API (the deal rule is the one the renderer's query applies). */
export const TEMPLATE_RECORD_DESCRIPTIONS: Record<TemplateRecord, string> = {
  company: "the contact's company (the one linked by companyId)",
  deal:
    "the contact's most relevant open deal: of the deals whose contact is this contact and whose stage is " +
    'open (win probability unset or between 1 and 99; 0 is lost, 100 is won), the most recently updated',
  sender:
    "the mailbox the email goes out from (the tenant's default mailbox, or the built-in sink); " +
    "a send_email step's fromName overrides the name",
  owner: 'the user who owns the contact (contact.ownerId), if they belong to this workspace',
};

export const isTemplateRecord = (root: string): root is TemplateRecord =>
  Object.prototype.hasOwnProperty.call(TEMPLATE_RECORD_FIELDS, root);

/** True when `field` is a field of the record (`name` of `company`). */
export const isTemplateRecordField = (record: TemplateRecord, field: string): boolean =>
  Object.prototype.hasOwnProperty.call(TEMPLATE_RECORD_FIELDS[record], field);

/** Contact fields valid in templates but not offered in the picker: lists, objects, ids, and what company.* says better. */
const CONTACT_FIELDS_NOT_OFFERED = new Set(['customFields', 'tags', 'companyId', 'ownerId', 'companyName']);

export const TemplateVariableSchema = z.object({
  path: z.string().describe('dotted path as a template writes it, e.g. company.name for {{company.name}}'),
  label: z.string().describe('what the picker shows'),
});
export type TemplateVariable = z.infer<typeof TemplateVariableSchema>;

/** Group keys: the contact, its custom fields, then one per record (the `satisfies` keeps them in step). */
const GROUP_KEYS = ['contact', 'custom', 'company', 'deal', 'sender', 'owner'] as const satisfies ReadonlyArray<
  'contact' | 'custom' | TemplateRecord
>;

export const TemplateVariableGroupSchema = z.object({
  key: z.enum(GROUP_KEYS).describe('the group: the contact, its custom fields, or a record'),
  title: z.string(),
  description: z.string().describe('where the values come from'),
  variables: z.array(TemplateVariableSchema),
});
export type TemplateVariableGroup = z.infer<typeof TemplateVariableGroupSchema>;

export const TemplateVariableCatalogueSchema = z
  .object({
    groups: z.array(TemplateVariableGroupSchema),
    steps: z
      .string()
      .describe('how earlier steps are read: their outputs exist only inside a run, so they are not listed here'),
  })
  .describe('The variables send templates may use in this workspace');
export type TemplateVariableCatalogue = z.infer<typeof TemplateVariableCatalogueSchema>;

/** "firstName" -> "First name", "closeDate" -> "Close date". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TITLES: Record<TemplateRecord, string> = { company: 'Company', deal: 'Deal', sender: 'Sender', owner: 'Owner' };

/**
 * Every variable a send template may use in a workspace with these custom fields, grouped for
 * a picker. Earlier steps' outputs depend on the flow and are left to the caller.
 */
export function templateVariableCatalogue(
  customFields: ReadonlyArray<{ key: string; label: string }>,
): TemplateVariableCatalogue {
  const contactFields = Object.keys(ContactSchema.shape).filter((field) => !CONTACT_FIELDS_NOT_OFFERED.has(field));
  const groups: TemplateVariableGroup[] = [
    {
      key: 'contact',
      title: 'Contact',
      description: 'the contact the message is for',
      variables: contactFields.map((field) => ({ path: `contact.${field}`, label: labelOf(field) })),
    },
  ];
  if (customFields.length > 0) {
    groups.push({
      key: 'custom',
      title: 'Custom fields',
      description: "the contact's custom fields (null when the contact has no value)",
      variables: customFields.map((field) => ({ path: `contact.custom.${field.key}`, label: field.label })),
    });
  }
  for (const record of TEMPLATE_RECORDS) {
    groups.push({
      key: record,
      title: TITLES[record],
      description: TEMPLATE_RECORD_DESCRIPTIONS[record],
      variables: Object.entries(TEMPLATE_RECORD_FIELDS[record]).map(([field, label]) => ({
        path: `${record}.${field}`,
        label,
      })),
    });
  }
  return {
    groups,
    steps: 'steps.<stepId>.<output>, e.g. steps.draft.text for an earlier llm_generate step "draft"',
  };
}
