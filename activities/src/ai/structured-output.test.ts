import { z } from 'zod';
import { AiLeadScoreSchema } from '@cadenza/core';
import { VendorReplyIntentSchema } from './ai-steps';
import { jsonSchemaOf, parseStructuredOutput } from './structured-output';

describe('parseStructuredOutput', () => {
  it('accepts JSON matching the schema, also inside a code fence', () => {
    expect(parseStructuredOutput(VendorReplyIntentSchema, '{"intent":"not_now","confidence":0.8}')).toEqual({
      ok: true,
      value: { intent: 'not_now', confidence: 0.8 },
    });
    expect(
      parseStructuredOutput(VendorReplyIntentSchema, '```json\n{"intent":"unsubscribe","confidence":1}\n```'),
    ).toEqual({
      ok: true,
      value: { intent: 'unsubscribe', confidence: 1 },
    });
  });

  it('names the problem when the reply is not JSON or breaks the schema', () => {
    expect(parseStructuredOutput(VendorReplyIntentSchema, 'Interested!')).toEqual({
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
