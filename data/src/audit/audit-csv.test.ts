import { parse } from 'csv-parse/sync';
import type { AuditEntry } from '@cadenza/core';
import { auditCsvHeader, auditCsvRows } from './audit-csv';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  actor: { kind: 'user', id: 'u1' },
  action: 'update',
  entity: 'mailbox',
  entityId: 'm1',
  before: null,
  after: null,
  clientAddress: '203.0.113.9',
  at: '2026-12-07T10:00:00.000Z',
  ...over,
});

const cells = (csv: string) => parse(csv) as string[][];

describe('audit CSV', () => {
  it('has a header naming every column', () => {
    expect(cells(auditCsvHeader())[0]).toEqual([
      'Time',
      'Actor Kind',
      'Actor ID',
      'Client Address',
      'Action',
      'Entity',
      'Entity ID',
      'Change',
    ]);
  });

  it('quotes commas, quotes and line breaks so they round-trip', () => {
    const row = cells(
      auditCsvRows([entry({ before: { name: 'a, "b"' }, after: { name: 'c' }, entityId: 'x\ny' })]),
    )[0]!;
    expect(row[6]).toBe('x\ny');
    expect(row[7]).toBe('name: a, "b" → c');
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2', '@SUM(A1)'])(
    'neutralises a cell starting like a formula: %s',
    (value) => {
      const row = cells(auditCsvRows([entry({ entityId: value })]))[0]!;
      expect(row[6]).toBe(`'${value}`);
    },
  );

  it('puts one changed field per line in the Change cell', () => {
    const row = cells(
      auditCsvRows([entry({ before: { role: 'admin', name: 'A' }, after: { role: 'ops', name: 'B' } })]),
    )[0]!;
    expect(row[7]).toBe('role: admin → ops\nname: A → B');
  });
});
