import { flowDefinitionSchema } from '@cadenza/core';
import { checkSendTemplates, strictTemplateVariables } from './template-variables';

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
    flowDefinitionSchema.parse({
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
    const definition = flow({ subject: 'Hi {{contact.frstName}}', body: '{{steps.nope.text}} {{sender.name}}' });
    expect(checkSendTemplates(definition, ['firstName'])).toEqual([
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.subject' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'mail', path: 'settings.body' }),
    ]);
    const [first] = checkSendTemplates(definition, ['firstName']);
    expect(first!.message).toContain('{{contact.frstName}}');
    expect(first!.message).toContain('{{default contact.frstName');
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
