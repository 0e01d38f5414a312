import { LIMITS, FlowDefinitionSchema, type FlowDefinition } from '../index';
import { checkSendTemplates, strictTemplateVariables, unknownVariable } from './template-variables';

describe('strictTemplateVariables', () => {
  it('lists plain and triple-stash placeholders, skipping helper arguments and context-changing blocks', () => {
    const template =
      'Hi {{contact.firstName}} {{{contact.bio}}} {{default contact.nick "you"}} ' +
      '{{#if contact.city}}in {{contact.city}}{{else}}{{contact.country}}{{/if}} ' +
      '{{#each contact.tags}}{{this}} {{name}}{{/each}} {{@root.x}}';
    expect(strictTemplateVariables(template).map((v) => v.path)).toEqual([
      'contact.firstName',
      'contact.bio',
      'contact.city',
      'contact.country',
    ]);
  });

  it('throws for a template that does not compile', () => {
    expect(() => strictTemplateVariables('{{#if contact.x}}open')).toThrow();
  });
});

describe('checkSendTemplates', () => {
  const flow = (settings: Record<string, unknown>, type = 'send_email') =>
    FlowDefinitionSchema.parse({
      trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
      nodes: [
        { id: 'ai', type: 'add_tag', position: { x: 1, y: 0 }, settings: { tag: 'x' } },
        { id: 'mail', type, position: { x: 2, y: 0 }, settings },
      ],
      edges: [
        { from: 'start', to: 'ai' },
        { from: 'ai', to: 'mail' },
      ],
      settings: {},
    });

  it('accepts known fields, step outputs and fallbacks', () => {
    const definition = flow({
      subject: 'Hi {{contact.firstName}}',
      body: '{{default contact.custom.tier "friend"}} {{steps.ai.text}} {{contact.id}}',
    });
    expect(checkSendTemplates(definition, ['firstName'])).toEqual([]);
  });

  it('names the node and setting of an unknown variable, a missing step and an unknown root', () => {
    const definition = flow({ subject: 'Hi {{contact.frstName}}', body: '{{steps.nope.text}} {{seller.name}}' });
    expect(checkSendTemplates(definition, ['firstName'])).toEqual([
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.subject' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
    ]);
    const [first] = checkSendTemplates(definition, ['firstName']);
    expect(first!.message).toContain('{{contact.frstName}}');
    expect(first!.message).toContain('{{default contact.frstName');
  });

  it('accepts the fields of company, deal, sender and owner, and names an unknown one with the node', () => {
    const definition = flow({
      subject: 'Hi {{contact.firstName}} from {{sender.name}} <{{sender.email}}>',
      body:
        '{{deal.name}} ({{deal.stage}}, {{deal.pipeline}}, {{deal.amount}} {{deal.currency}}, {{deal.closeDate}}) ' +
        'at {{company.name}} {{company.domain}} {{company.industry}} {{company.size}}; {{owner.name}} {{owner.email}}',
    });
    expect(checkSendTemplates(definition, ['firstName'])).toEqual([]);

    const errors = checkSendTemplates(flow({ subject: 'x', body: 'At {{company.revenue}} {{deal}}' }), []);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
    ]);
    expect(errors[0]!.message).toContain('Step "mail" uses {{company.revenue}}');
    expect(errors[0]!.message).toContain('company has no field "revenue" (it has id, name, domain, industry, size)');
    expect(errors[1]!.message).toContain('deal has no field ""');
    // A fallback makes even an unknown field acceptable: it prints the fallback.
    expect(checkSendTemplates(flow({ subject: '{{default company.revenue "a lot"}}', body: 'x' }), [])).toEqual([]);
  });

  it('checks SMS and Slack templates, and reports templates that do not compile', () => {
    expect(checkSendTemplates(flow({ body: 'Hi {{contact.nick}}' }, 'send_sms'), [])).toHaveLength(1);
    expect(checkSendTemplates(flow({ channel: '#sales', message: '{{#if x}}' }, 'notify_slack'), [])[0]).toMatchObject({
      code: 'invalid_setting',
      nodeId: 'mail',
      path: 'settings.message',
    });
  });

  it('names the node of a snippet that does not exist, and checks variables inside the snippets used', () => {
    const snippets = { sig: 'Best, {{> name}}', name: '{{contact.nick}}', unused: '{{contact.whatever}}' };
    const errors = checkSendTemplates(flow({ subject: 'Hi', body: '{{> sig}} {{> promo}}' }), ['firstName'], snippets);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'unknown_snippet', nodeId: 'mail', path: 'settings.body' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
    ]);
    expect(errors[0]!.message).toContain('no snippet "promo"');
    expect(errors[1]!.message).toContain('the snippet "name"');
    expect(checkSendTemplates(flow({ subject: 'Hi', body: '{{> sig}}' }), ['nick'], snippets)).toEqual([]);
  });

  it('refuses a snippet included by a computed name', () => {
    expect(checkSendTemplates(flow({ body: '{{> (lookup contact "x")}}' }, 'send_sms'), [])[0]).toMatchObject({
      code: 'invalid_setting',
      nodeId: 'mail',
    });
  });
});

describe('unknownVariable', () => {
  const known = new Set(['firstName', 'custom.tier']);
  const steps = new Set(['draft']);
  it.each([
    ['contact.firstName', null],
    ['contact.id', null],
    ['contact.custom.tier', null],
    ['steps.draft.text', null],
    ['sender.email', null],
    ['owner.name', null],
    ['deal.probability', null],
    ['contact.custom.nope', 'contacts have no field "custom.nope"'],
    ['steps.ghost.text', 'the flow has no step "ghost"'],
    ['owner.phone', 'owner has no field "phone" (it has id, name, email)'],
    ['company.toString', 'company has no field "toString" (it has id, name, domain, industry, size)'],
    ['lead.name', 'not "lead"'],
  ])('%s -> %s', (path, problem) => {
    const found = unknownVariable(path, known, steps);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('lists every root it knows when the root is unknown', () => {
    expect(unknownVariable('lead.name', known, steps)).toBe(
      'templates know only contact.<field>, company.<field>, deal.<field>, sender.<field>, owner.<field> and steps.<step>.<output>, not "lead"',
    );
  });
});

describe('checkSendTemplates render budget (issue 19)', () => {
  const emailFlow = (body: string) =>
    ({
      trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
      settings: {},
      nodes: [{ id: 'mail', type: 'send_email', position: { x: 0, y: 0 }, settings: { subject: 'Hi', body } }],
      edges: [{ from: 'start', to: 'mail' }],
    }) as unknown as FlowDefinition;
  const doubling = Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [`s${i}`, i === 7 ? 'leaf' : `{{> s${i + 1}}}{{> s${i + 1}}}`]),
  );

  it('refuses a send template whose snippets would break the include budget, naming the limit', () => {
    const [error] = checkSendTemplates(emailFlow('{{> s0}}'), [], doubling);
    expect(error).toMatchObject({ code: 'invalid_setting', nodeId: 'mail', path: 'settings.body' });
    expect(error?.message).toBe(
      `Step "mail": its body would include snippets 255 times when it renders, more than the limit of ${LIMITS.maxSnippetIncludes} (maxSnippetIncludes).`,
    );
    expect(checkSendTemplates(emailFlow('{{> s4}}'), [], doubling)).toEqual([]);
  });

  it('refuses a send template nested past the template nesting limit', () => {
    const nested = '{{#if contact.firstName}}'.repeat(100) + 'x' + '{{/if}}'.repeat(100);
    const [error] = checkSendTemplates(emailFlow(nested), ['firstName']);
    expect(error?.message).toContain(`blocks and sub-expressions may nest at most ${LIMITS.maxTemplateNesting} deep`);
  });
});
