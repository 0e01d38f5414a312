import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FILTER, auditExportHref, auditFilterParams } from './audit-filter';

describe('auditFilterParams', () => {
  it('sends nothing for empty filters', () => {
    expect(auditFilterParams(EMPTY_AUDIT_FILTER)).toEqual({});
  });

  it('sends the chosen filters, the until day included', () => {
    const params = auditFilterParams({
      ...EMPTY_AUDIT_FILTER,
      actorId: ' u1 ',
      action: 'sign_in_failed',
      since: '2026-12-01',
      until: '2026-12-07',
    });
    expect(params).toMatchObject({ actorId: 'u1', action: 'sign_in_failed' });
    expect(new Date(params.since!).getDate()).toBe(1);
    expect(new Date(params.until!).getDate()).toBe(8);
    expect(new Date(params.until!).getHours()).toBe(0);
  });

  it('builds the export address with the same filters', () => {
    expect(auditExportHref({ ...EMPTY_AUDIT_FILTER, entity: 'api_key' })).toBe(
      '/api/v1/audit-log/export.csv?entity=api_key',
    );
  });
});
