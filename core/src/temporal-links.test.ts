import { temporalRunUrl } from './temporal-links';
import { smokeWorkflowId } from './smoke-run';

describe('temporalRunUrl', () => {
  it('links to a workflow, escaping ids that carry separators', () => {
    expect(temporalRunUrl('http://localhost:8233/', 'default', 'smoke:t:1')).toBe(
      'http://localhost:8233/namespaces/default/workflows/smoke%3At%3A1',
    );
  });

  it('links to a run history when the run id is known', () => {
    expect(temporalRunUrl('http://ui', 'ns', 'wf', 'run-1')).toBe('http://ui/namespaces/ns/workflows/wf/run-1/history');
  });
});

describe('smokeWorkflowId', () => {
  it('is prefixed by the tenant, which the API checks before reading a run', () => {
    expect(smokeWorkflowId('tenant-a', 'r1')).toBe('smoke:tenant-a:r1');
    expect(smokeWorkflowId('tenant-a', 'r1').startsWith(smokeWorkflowId('tenant-a', ''))).toBe(true);
    expect(smokeWorkflowId('tenant-ab', 'r1').startsWith(smokeWorkflowId('tenant-a', ''))).toBe(false);
  });
});
