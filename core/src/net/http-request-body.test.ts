import { renderTemplate } from '../flow/runtime/render-template';
import { bodyIsJson, escapeJsonStringContent } from './http-request-body';

describe('bodyIsJson', () => {
  it('follows the content-type, whatever its case', () => {
    expect(bodyIsJson({ 'Content-Type': 'application/json; charset=utf-8' }, 'x')).toBe(true);
    expect(bodyIsJson({ 'content-type': 'application/vnd.api+json' }, 'x')).toBe(true);
    expect(bodyIsJson({ 'content-type': 'text/plain' }, '{"a":1}')).toBe(false);
  });

  it('without one, judges by the body', () => {
    expect(bodyIsJson({}, '  {"email":"{{contact.email}}"}')).toBe(true);
    expect(bodyIsJson({}, 'name={{contact.name}}')).toBe(false);
  });
});

describe('a JSON body rendered with escaped values', () => {
  it('keeps an injecting contact name inside its string', () => {
    const contact = { id: 'c1', fields: { firstName: 'x","role":"admin","y":"\n' } };
    const body = renderTemplate('{"name":"{{contact.firstName}}","role":"user"}', { contact } as never, {
      encode: escapeJsonStringContent,
    }).text;
    expect(JSON.parse(body)).toEqual({ name: 'x","role":"admin","y":"\n', role: 'user' });
  });
});
