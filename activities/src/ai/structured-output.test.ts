import { z } from 'zod';
import { AiLeadScoreSchema, ReplyClassificationSchema } from '@cadenza/core';
import { jsonSchemaOf, parseStructuredOutput } from './structured-output';

describe('parseStructuredOutput', () => {
  it('accepts JSON matching the schema, also inside a code fence', () => {
    expect(parseStructuredOutput(ReplyClassificationSchema, '{"label":"not_now"}')).toEqual({
      ok: true,
      value: { label: 'not_now' },
    });
    expect(parseStructuredOutput(ReplyClassificationSchema, '```json\n{"label":"unsubscribe"}\n```')).toEqual({
      ok: true,
      value: { label: 'unsubscribe' },
    });
  });

  it('names the problem when the reply is not JSON or breaks the schema', () => {
    expect(parseStructuredOutput(ReplyClassificationSchema, 'Interested!')).toEqual({
      ok: false,
      problem: 'the reply is not JSON',
    });
    const outOfRange = parseStructuredOutput(AiLeadScoreSchema, '{"score":140,"explanation":"great"}');
    expect(outOfRange.ok).toBe(false);
    expect(!outOfRange.ok && outOfRange.problem).toMatch(/^score:/);
  });
});

describe('jsonSchemaOf', () => {
  it('drops the $schema marker grammars do not understand and keeps the enum', () => {
    const schema = jsonSchemaOf(z.object({ label: z.enum(['a', 'b']) }));
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({ type: 'object', properties: { label: { enum: ['a', 'b'] } }, required: ['label'] });
  });
});
