import type { ContactSnapshot } from './contact-snapshot';
import { renderTemplate } from './render-template';

const contact: ContactSnapshot = {
  id: 'c-9',
  fields: {
    firstName: 'Ana',
    lastName: null,
    employees: 120,
    optedIn: false,
    tags: ['vip', 'beta'],
    nickname: '',
    custom: { industry: 'SaaS', address: { city: 'Lyon' } },
  },
  engagement: {},
  score: 12,
};
const steps = { draft: { text: 'Hello there', meta: { tokens: 42 } }, 'node-2': { url: 'https://x.test' } };

describe('renderTemplate', () => {
  it.each([
    ['Hi {{contact.firstName}}!', 'Hi Ana!', []],
    ['Hi {{ contact.firstName }} / {{\tcontact.custom.industry\n}}', 'Hi Ana / SaaS', []],
    ['{{contact.custom.address.city}}', 'Lyon', []],
    ['{{contact.employees}} people, opted in: {{contact.optedIn}}', '120 people, opted in: false', []],
    ['Tags: {{contact.tags}}', 'Tags: vip, beta', []],
    ['{{contact.id}}', 'c-9', []],
    ['[{{contact.nickname}}]', '[]', []],
    ['{{steps.draft.text}} ({{steps.draft.meta.tokens}}) {{steps.node-2.url}}', 'Hello there (42) https://x.test', []],
    ['Dear {{contact.lastName}},', 'Dear ,', ['contact.lastName']],
    ['{{contact.missing}}{{contact.missing}}{{ contact.custom.nope }}', '', ['contact.missing', 'contact.custom.nope']],
    ['{{steps.unknown.text}} {{steps.draft.nope}}', ' ', ['steps.unknown.text', 'steps.draft.nope']],
    ['{{deal.amount}} {{contact}}', ' ', ['deal.amount', 'contact']],
    ['{{contact.constructor}}', '', ['contact.constructor']],
    ['no placeholders, {single} braces', 'no placeholders, {single} braces', []],
  ])('%j -> %j', (text, expected, missing) => {
    expect(renderTemplate(text, { contact, steps })).toEqual({ text: expected, missing });
  });

  it('reports step placeholders as missing when no steps are given', () => {
    expect(renderTemplate('{{steps.draft.text}}', { contact })).toEqual({ text: '', missing: ['steps.draft.text'] });
  });

  it('does not re-expand placeholders found inside values', () => {
    const sneaky = { ...contact, fields: { firstName: '{{contact.id}}' } };
    expect(renderTemplate('{{contact.firstName}}', { contact: sneaky }).text).toBe('{{contact.id}}');
  });

  it('renders objects as JSON', () => {
    expect(renderTemplate('{{steps.draft.meta}}', { contact, steps }).text).toBe('{"tokens":42}');
  });
});
