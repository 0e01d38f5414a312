import { ContactListQuerySchema } from '@cadenza/core';
import { contactFilterConditions, contactOrder } from './contact-list-sql';
import { SqlParams } from './sql-params';

const definitions = [
  { key: 'industry', type: 'select' as const, options: ['SaaS'] },
  { key: 'seats', type: 'number' as const, options: [] },
];
const parse = (query: Record<string, unknown>) => ContactListQuerySchema.parse(query);

describe('contact filters to SQL', () => {
  it('binds every filter value and keeps SQL text free of input', () => {
    const params = new SqlParams(['tenant']);
    const evil = "x'); DROP TABLE contacts; --";
    const where = contactFilterConditions(
      parse({
        q: evil,
        email: 'A@B.co',
        lifecycleStage: 'lead',
        leadStatus: 'new',
        tag: ['vip', 'beta'],
        scoreMin: '10',
        scoreMax: '90',
        customField: ['industry:SaaS', 'seats:12'],
      }),
      params,
      definitions,
    );
    expect(where).toEqual([
      "c.search @@ websearch_to_tsquery('simple', $2)",
      'lower(c.email) = lower($3)',
      'c.lifecycle_stage = $4',
      'c.lead_status = $5',
      'c.tags @> $6::text[]',
      'c.score >= $7',
      'c.score <= $8',
      'c.custom_fields @> $9::jsonb',
    ]);
    expect(where.join(' ')).not.toContain('DROP');
    expect(params.values).toEqual([
      'tenant',
      evil,
      'A@B.co',
      'lead',
      'new',
      ['vip', 'beta'],
      10,
      90,
      JSON.stringify({ industry: 'SaaS', seats: 12 }),
    ]);
  });

  it('takes a single tag as a list of one', () => {
    const params = new SqlParams();
    contactFilterConditions(parse({ tag: 'vip' }), params, []);
    expect(params.values).toEqual([['vip']]);
  });

  it('refuses unknown custom fields and mistyped values, naming query.customField', () => {
    expect(() => contactFilterConditions(parse({ customField: 'colour:red' }), new SqlParams(), definitions)).toThrow(
      /query\.customField: colour is not a custom field/,
    );
    expect(() => contactFilterConditions(parse({ customField: 'seats:many' }), new SqlParams(), definitions)).toThrow(
      /seats is a number field/,
    );
  });

  it('allows only listed sorts', () => {
    expect(contactOrder('score:desc')).toMatchObject({ expression: 'c.score', direction: 'desc', cast: 'integer' });
    expect(ContactListQuerySchema.safeParse({ sort: 'password:asc' }).success).toBe(false);
    expect(ContactListQuerySchema.safeParse({ scoreMin: '50', scoreMax: '10' }).error?.issues[0]?.path).toEqual([
      'scoreMin',
    ]);
  });
});
