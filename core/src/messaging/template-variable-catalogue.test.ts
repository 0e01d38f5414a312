import {
  isTemplateRecord,
  isTemplateRecordField,
  TemplateVariableCatalogueSchema,
  templateVariableCatalogue,
} from './template-variable-catalogue';

describe('templateVariableCatalogue', () => {
  it('groups contact fields, custom fields, company, deal, sender and owner', () => {
    const catalogue = templateVariableCatalogue([{ key: 'tier', label: 'Tier' }]);
    expect(TemplateVariableCatalogueSchema.parse(catalogue)).toEqual(catalogue);
    expect(catalogue.groups.map((group) => group.key)).toEqual([
      'contact',
      'custom',
      'company',
      'deal',
      'sender',
      'owner',
    ]);
    const paths = catalogue.groups.flatMap((group) => group.variables.map((variable) => variable.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        'contact.firstName',
        'contact.email',
        'contact.custom.tier',
        'company.name',
        'company.domain',
        'company.industry',
        'company.size',
        'deal.name',
        'deal.amount',
        'deal.stage',
        'deal.pipeline',
        'sender.name',
        'sender.email',
        'owner.name',
        'owner.email',
      ]),
    );
    // Lists, objects and ids are not offered; company.name says what contact.companyName does.
    for (const hidden of ['contact.tags', 'contact.customFields', 'contact.ownerId', 'contact.companyName'])
      expect(paths).not.toContain(hidden);
    expect(catalogue.groups[0]!.variables.find((v) => v.path === 'contact.firstName')!.label).toBe('First name');
    expect(catalogue.groups.find((g) => g.key === 'deal')!.description).toContain('most recently updated');
  });

  it('leaves out the custom-field group when the workspace has none', () => {
    expect(templateVariableCatalogue([]).groups.map((group) => group.key)).not.toContain('custom');
  });

  it('knows each record and its fields, and nothing inherited from Object', () => {
    expect(isTemplateRecord('deal')).toBe(true);
    expect(isTemplateRecord('contact')).toBe(false);
    expect(isTemplateRecord('toString')).toBe(false);
    expect(isTemplateRecordField('deal', 'stage')).toBe(true);
    expect(isTemplateRecordField('company', 'revenue')).toBe(false);
    expect(isTemplateRecordField('sender', 'constructor')).toBe(false);
  });
});
