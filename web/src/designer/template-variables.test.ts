import { describe, expect, it } from 'vitest';
import type { CustomFieldDefinition } from '@cadenza/core';
import { insertToken, variableGroups } from './template-variables';

const field = (key: string, label: string): CustomFieldDefinition => ({
  id: key,
  key,
  label,
  type: 'text',
  options: [],
  createdAt: '2025-01-01T00:00:00Z',
});

describe('template variables', () => {
  it('lists contact fields, the company, custom fields and earlier step outputs', () => {
    const groups = variableGroups(
      [field('industry', 'Industry')],
      [
        { id: 'draft', type: 'llm_generate', position: { x: 0, y: 0 }, settings: {}, label: 'Draft intro' },
        { id: 'tag', type: 'add_tag', position: { x: 0, y: 0 }, settings: {} },
      ],
    );
    expect(groups.map((g) => g.title)).toEqual(['Contact', 'Company', 'Custom fields', 'Earlier steps']);
    const tokens = groups.flatMap((g) => g.variables.map((v) => v.token));
    expect(tokens).toEqual(
      expect.arrayContaining([
        '{{contact.firstName}}',
        '{{contact.email}}',
        '{{contact.companyName}}',
        '{{contact.custom.industry}}',
        '{{steps.draft.text}}',
      ]),
    );
    // Lists and objects do not print as text; the company's id is not something to write to a person.
    expect(tokens).not.toContain('{{contact.tags}}');
    expect(tokens).not.toContain('{{contact.customFields}}');
    expect(groups[0]!.variables.find((v) => v.token === '{{contact.firstName}}')?.label).toBe('First name');
    expect(groups[3]!.variables).toEqual([{ label: 'Draft intro: text', token: '{{steps.draft.text}}' }]);
  });

  it('leaves out the groups that have nothing in them', () => {
    expect(variableGroups([], []).map((g) => g.title)).toEqual(['Contact', 'Company']);
  });

  it('inserts at the caret, replaces a selection, and appends when nothing was focused', () => {
    expect(insertToken('Hi !', { start: 3, end: 3 }, '{{x}}')).toEqual({ text: 'Hi {{x}}!', caret: 8 });
    expect(insertToken('Hi NAME!', { start: 3, end: 7 }, '{{x}}')).toEqual({ text: 'Hi {{x}}!', caret: 8 });
    expect(insertToken('Hi', undefined, ' {{x}}')).toEqual({ text: 'Hi {{x}}', caret: 8 });
    expect(insertToken('Hi', { start: 10, end: 12 }, '!')).toEqual({ text: 'Hi!', caret: 3 });
  });
});
