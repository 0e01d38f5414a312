import { describe, expect, it } from 'vitest';
import { templateVariableCatalogue } from '@cadenza/core';
import { insertToken, variableGroups } from './template-variables';

describe('template variables', () => {
  it("lists the API catalogue (contact, custom fields, records) and this flow's step outputs", () => {
    const catalogue = templateVariableCatalogue([{ key: 'industry', label: 'Industry' }]);
    const groups = variableGroups(catalogue, [
      { id: 'draft', type: 'llm_generate', position: { x: 0, y: 0 }, settings: {}, label: 'Draft intro' },
      { id: 'tag', type: 'add_tag', position: { x: 0, y: 0 }, settings: {} },
    ]);
    expect(groups.map((g) => g.title)).toEqual([...catalogue.groups.map((g) => g.title), 'Earlier steps']);
    const tokens = groups.flatMap((g) => g.variables.map((v) => v.token));
    expect(tokens).toEqual(
      expect.arrayContaining([
        '{{contact.firstName}}',
        '{{contact.custom.industry}}',
        '{{company.name}}',
        '{{deal.amount}}',
        '{{sender.name}}',
        '{{steps.draft.text}}',
      ]),
    );
    expect(groups.at(-1)!.variables).toEqual([{ label: 'Draft intro: text', token: '{{steps.draft.text}}' }]);
  });

  it('offers the step outputs alone while the catalogue is loading or failed', () => {
    expect(variableGroups(undefined, [])).toEqual([]);
    expect(
      variableGroups(undefined, [{ id: 'ai', type: 'llm_generate', position: { x: 0, y: 0 }, settings: {} }]),
    ).toEqual([{ title: 'Earlier steps', variables: [{ label: 'ai: text', token: '{{steps.ai.text}}' }] }]);
  });

  it('inserts at the caret, replaces a selection, and appends when nothing was focused', () => {
    expect(insertToken('Hi !', { start: 3, end: 3 }, '{{x}}')).toEqual({ text: 'Hi {{x}}!', caret: 8 });
    expect(insertToken('Hi NAME!', { start: 3, end: 7 }, '{{x}}')).toEqual({ text: 'Hi {{x}}!', caret: 8 });
    expect(insertToken('Hi', undefined, ' {{x}}')).toEqual({ text: 'Hi {{x}}', caret: 8 });
    expect(insertToken('Hi', { start: 10, end: 12 }, '!')).toEqual({ text: 'Hi!', caret: 3 });
  });
});
