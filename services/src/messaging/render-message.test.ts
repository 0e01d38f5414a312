import { LIMITS, LimitExceededError, UserError } from '@cadenza/core';
import { renderMessageTemplate } from './render-message';

const context = {
  contact: { firstName: 'Ana', company: 'Tom & Jerry <Ltd>', lastName: '' },
  steps: { ai: { line: 'Loved your talk' } },
};

describe('renderMessageTemplate', () => {
  it('fills contact and step variables', () => {
    expect(renderMessageTemplate('Hi {{contact.firstName}}, {{steps.ai.line}}', context, { html: false })).toBe(
      'Hi Ana, Loved your talk',
    );
  });
  it('escapes HTML by default in HTML parts, not in plain ones', () => {
    expect(renderMessageTemplate('<b>{{contact.company}}</b>', context, { html: true })).toBe(
      '<b>Tom &amp; Jerry &lt;Ltd&gt;</b>',
    );
    expect(renderMessageTemplate('{{contact.company}}', context, { html: false })).toBe('Tom & Jerry <Ltd>');
  });
  it('refuses a missing variable and names it', () => {
    expect(() => renderMessageTemplate('Hi {{contact.nickname}}', context, { html: true }, 'body')).toThrow(
      /body: the variable "nickname" is missing/,
    );
    expect(() => renderMessageTemplate('{{steps.nope.x}}', context, { html: true })).toThrow(UserError);
  });
  it('uses a fallback given with default, for missing and empty values', () => {
    expect(renderMessageTemplate('Hi {{default contact.nickname "there"}}', context, { html: true })).toBe('Hi there');
    expect(renderMessageTemplate('{{default contact.lastName "friend"}}', context, { html: true })).toBe('friend');
    expect(renderMessageTemplate('{{default contact.firstName "there"}}', context, { html: true })).toBe('Ana');
  });
  it('reports a syntax error', () => {
    expect(() => renderMessageTemplate('Hi {{contact.firstName', context, { html: true }, 'subject')).toThrow(
      /subject:/,
    );
  });
  it('renders snippets in place, with the same variables and escaping', () => {
    const snippets = { sig: '<i>{{contact.company}}</i> {{> tail}}', tail: '{{default contact.title "team"}}' };
    expect(renderMessageTemplate('Hi {{contact.firstName}}. {{> sig}}', context, { html: true, snippets })).toBe(
      'Hi Ana. <i>Tom &amp; Jerry &lt;Ltd&gt;</i> team',
    );
    expect(renderMessageTemplate('{{> sig}}', context, { html: false, snippets })).toBe(
      '<i>Tom & Jerry <Ltd></i> team',
    );
  });
  it('refuses a missing snippet, a strict variable missing inside one, and a snippet loop', () => {
    expect(() => renderMessageTemplate('{{> promo}}', context, { html: true }, 'body')).toThrow(
      /body: the snippet "promo" does not exist/,
    );
    expect(() =>
      renderMessageTemplate('{{> sig}}', context, { html: true, snippets: { sig: '{{contact.nickname}}' } }),
    ).toThrow(/the variable "nickname" is missing/);
    expect(() =>
      renderMessageTemplate('{{> a}}', context, { html: true, snippets: { a: '{{> b}}', b: '{{> a}}' } }),
    ).toThrow(/a snippet includes itself/);
  });
});

describe('renderMessageTemplate budget (issue 19)', () => {
  /** Snippets that include the next one twice: depth levels render 2^depth copies of the last one. */
  const doubling = (depth: number, leaf = 'x'.repeat(64)) =>
    Object.fromEntries(
      Array.from({ length: depth + 1 }, (_, i) => [`s${i}`, i === depth ? leaf : `{{> s${i + 1}}}{{> s${i + 1}}}`]),
    );

  it('stops a snippet bomb at the include budget, naming the limit, without building its output', () => {
    const started = performance.now();
    const render = () => renderMessageTemplate('{{> s0}}', context, { html: true, snippets: doubling(7) }, 'body');
    expect(render).toThrow(LimitExceededError);
    expect(render).toThrow(`body: a message may include snippets at most ${LIMITS.maxSnippetIncludes} times`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses snippets nested deeper than the depth limit, naming the chain', () => {
    const chain = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`c${i}`, i === 11 ? 'end' : `{{> c${i + 1}}}`]),
    );
    expect(() => renderMessageTemplate('{{> c0}}', context, { html: false, snippets: chain }, 'body')).toThrow(
      `body: snippets may include snippets at most ${LIMITS.maxSnippetDepth} deep (c0 -> c1`,
    );
  });

  it('refuses output over the rendered size limit, and renders up to it', () => {
    const big = 'x'.repeat(LIMITS.maxRenderedTemplateBytes / 4);
    const snippets = { quarter: big, half: '{{> quarter}}{{> quarter}}' };
    expect(renderMessageTemplate('{{> half}}{{> half}}', context, { html: false, snippets })).toHaveLength(
      LIMITS.maxRenderedTemplateBytes,
    );
    const over = () => renderMessageTemplate('{{> half}}{{> half}}!', context, { html: false, snippets }, 'body');
    expect(over).toThrow(
      `body: a rendered message may be at most ${LIMITS.maxRenderedTemplateBytes} bytes (this one reached ${LIMITS.maxRenderedTemplateBytes + 1})`,
    );
    try {
      over();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'limit_exceeded',
        status: 400,
        details: { limit: 'maxRenderedTemplateBytes' },
      });
    }
  });

  it('has no log helper: {{log}} is refused and writes nothing to the console', () => {
    const written: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(args)),
    );
    try {
      expect(() => renderMessageTemplate('{{log "attacker text" level="error"}}', context, { html: false })).toThrow(
        'templates have no helper "log"',
      );
      expect(() => renderMessageTemplate('{{#if true}}{{log "x"}}{{/if}}', context, { html: false })).toThrow(
        UserError,
      );
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    expect(written).toEqual([]);
  });

  it('has no lookup helper nor inline partials, and keeps if, unless, each, with and default', () => {
    expect(() => renderMessageTemplate('{{lookup contact "firstName"}}', context, { html: false })).toThrow(UserError);
    expect(() =>
      renderMessageTemplate('{{#*inline "x"}}hi{{/inline}}{{> x}}', context, { html: false }, 'body'),
    ).toThrow(UserError);
    const kept =
      '{{#if contact.firstName}}A{{/if}}{{#unless contact.lastName}}B{{/unless}}' +
      '{{#each tags}}{{this}}{{/each}}{{#with contact}}{{firstName}}{{/with}}{{default contact.lastName "C"}}';
    expect(renderMessageTemplate(kept, { ...context, tags: ['t1', 't2'] }, { html: false })).toBe('ABt1t2AnaC');
  });
});
