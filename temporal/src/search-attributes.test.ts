import { missingSearchAttributes } from './search-attributes';
import { devServerArgs } from './dev-server-args';
import { runSearchAttributeKeys } from './search-attribute-keys';

describe('missingSearchAttributes', () => {
  it('lists every run attribute on a fresh namespace', () => {
    expect(missingSearchAttributes({})).toEqual(['TenantId', 'FlowId', 'FlowVersion', 'LeadId', 'NodeId', 'RunKind']);
  });

  it('skips the ones already registered', () => {
    expect(missingSearchAttributes({ TenantId: 2, FlowVersion: 3, RunKind: 2 })).toEqual([
      'FlowId',
      'LeadId',
      'NodeId',
    ]);
  });
});

describe('runSearchAttributeKeys', () => {
  it('types FlowVersion as an integer and the rest as keywords', () => {
    expect(runSearchAttributeKeys.FlowVersion.type).toBe('INT');
    expect(runSearchAttributeKeys.TenantId.type).toBe('KEYWORD');
  });
});

describe('devServerArgs', () => {
  it('persists to a SQLite file and serves the UI on the given port', () => {
    const args = devServerArgs({
      dbFile: '/data/t.sqlite',
      ip: '127.0.0.1',
      port: 7233,
      uiPort: 8233,
      namespace: 'default',
    });
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(args[args.indexOf('--db-filename') + 1]).toBe('/data/t.sqlite');
    expect(args[args.indexOf('--ui-port') + 1]).toBe('8233');
    expect(args[args.indexOf('--namespace') + 1]).toBe('default');
  });
});
