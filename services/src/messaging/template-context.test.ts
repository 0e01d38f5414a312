import type { Contact } from '@cadenza/core';
import type { TemplateRecords } from '@cadenza/data';
import { renderMessageTemplate } from './render-message';
import { SINK_FROM_ADDRESS, templateContextOf } from './template-context';

const contact: Contact = {
  id: 'c1',
  firstName: 'Ana',
  lastName: null,
  email: 'ana@example.com',
  phone: null,
  title: null,
  companyId: 'co1',
  companyName: 'Acme',
  ownerId: 'u1',
  lifecycleStage: null,
  leadStatus: null,
  source: null,
  timezone: null,
  tags: ['vip'],
  score: 40,
  customFields: { tier: 'gold' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const full: TemplateRecords = {
  contact,
  company: { id: 'co1', name: 'Acme & Co', domain: 'acme.com', industry: 'Tools', size: 50 },
  deal: {
    id: 'd1',
    name: 'Renewal',
    amount: 1200.5,
    currency: 'EUR',
    stage: 'Proposal',
    pipeline: 'Sales',
    probability: 60,
    closeDate: '2025-03-01',
  },
  owner: { id: 'u1', name: 'Olga', email: 'olga@acme.test' },
  mailbox: { name: 'Acme Sales', email: 'sales@acme.test' },
  customFieldKeys: ['region', 'tier'],
  snippets: {},
};

const bare: TemplateRecords = { ...full, company: null, deal: null, owner: null, mailbox: null };
const render = (template: string, records: TemplateRecords, fromName?: string) =>
  renderMessageTemplate(template, templateContextOf(records, { ai: { text: 'Hey' } }, { fromName }), { html: false });

describe('templateContextOf', () => {
  it('puts contact, custom fields, company, deal, sender, owner and step outputs where templates read them', () => {
    expect(
      render(
        '{{steps.ai.text}} {{contact.firstName}} ({{contact.custom.tier}}) from {{sender.name}} <{{sender.email}}> ' +
          'about {{deal.name}} ({{deal.stage}} in {{deal.pipeline}}, {{deal.amount}} {{deal.currency}}) ' +
          'at {{company.name}} ({{company.domain}}, {{company.size}}); owner {{owner.name}} {{owner.email}}',
        full,
      ),
    ).toBe(
      'Hey Ana (gold) from Acme Sales <sales@acme.test> about Renewal (Proposal in Sales, 1200.5 EUR) ' +
        'at Acme & Co (acme.com, 50); owner Olga olga@acme.test',
    );
  });

  it("uses the step's fromName for sender.name, and the sink's address when there is no mailbox", () => {
    expect(render('{{sender.name}} <{{sender.email}}>', full, 'Ana from Acme')).toBe('Ana from Acme <sales@acme.test>');
    expect(render('{{default sender.name "Acme"}} <{{sender.email}}>', bare)).toBe(`Acme <${SINK_FROM_ADDRESS}>`);
  });

  it('keeps missing records and unset custom fields as nulls: empty when printed, the fallback with default', () => {
    expect(render('[{{company.name}}|{{deal.name}}|{{owner.email}}|{{contact.custom.region}}]', bare)).toBe('[|||]');
    expect(
      render(
        '{{default company.name "your company"}} / {{default deal.name "your project"}} / ' +
          '{{default owner.name "the team"}} / {{default contact.custom.region "EU"}}',
        bare,
      ),
    ).toBe('your company / your project / the team / EU');
    // The record is there with only the catalogue's fields: a name outside it still fails strictly.
    expect(() => render('{{company.revenue}}', bare)).toThrow('"revenue" is missing');
  });

  it('exposes custom fields under contact.custom (defined but unset ones as null), not the raw customFields object', () => {
    const context = templateContextOf(full, {}) as { contact: Record<string, unknown> };
    expect(context.contact.custom).toEqual({ region: null, tier: 'gold' });
    expect(context.contact).not.toHaveProperty('customFields');
    expect(context.contact.tags).toEqual(['vip']);
  });
});
