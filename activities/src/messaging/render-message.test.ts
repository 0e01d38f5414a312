import { UserError } from '@cadenza/core';
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
