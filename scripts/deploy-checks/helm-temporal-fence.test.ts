import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

/** The chart as Helm renders it (the same renderer `npm run lint:deploy` uses, from .venv). */
function render(...valuesFiles: string[]) {
  const result = spawnSync(
    path.join(ROOT, '.venv', 'bin', 'python'),
    ['deploy/lint/render-chart.py', 'deploy/helm/cadenza', ...valuesFiles],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`helm render failed: ${result.stderr}`);
  return (
    parseAllDocuments(result.stdout)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests of every kind, read field by field
      .map((document) => document.toJS() as any)
      .filter(Boolean)
  );
}

/**
 * Temporal is shared by every tenant, so the chart fences it: only the api and worker pods reach
 * the frontend, the UI asks for a password, and workers cannot open the cluster's private ranges
 * or the metadata service.
 */
describe('Helm chart: Temporal fence and worker egress', () => {
  const manifests = render();
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  it('lets only the api and worker pods (and Temporal itself) reach the frontend on 7233', () => {
    const policy = named('NetworkPolicy', 'cadenza-temporal-frontend');
    expect(policy.metadata.namespace).toBe('temporal');
    expect(policy.spec.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/component': 'frontend' });
    const [cadenza, temporalItself] = policy.spec.ingress;
    expect(cadenza.ports).toEqual([{ port: 7233, protocol: 'TCP' }]);
    expect(cadenza.from[0].podSelector.matchExpressions).toContainEqual({
      key: 'app.kubernetes.io/component',
      operator: 'In',
      values: ['api', 'worker'],
    });
    expect(temporalItself.from).toEqual([{ podSelector: {} }]);
  });

  it('serves the Temporal UI only through an authenticating Ingress', () => {
    expect(named('Ingress', 'cadenza-temporal-ui').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': 'temporal-ui-basic-auth',
    });
    const policy = named('NetworkPolicy', 'cadenza-temporal-ui');
    expect(policy.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ]);
  });

  it("limits the workers' egress: no private ranges or metadata beyond the listed destinations", () => {
    const policy = named('NetworkPolicy', 'cadenza-worker-egress');
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    const internet = policy.spec.egress.find((rule: { to: Array<{ ipBlock?: { cidr: string } }> }) =>
      rule.to.some((to) => to.ipBlock?.cidr === '0.0.0.0/0'),
    );
    expect(internet.to[0].ipBlock.except).toEqual(
      expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10']),
    );
    expect(internet.ports).toBeUndefined();
    const ports = policy.spec.egress.flatMap((rule: { ports?: Array<{ port: number }> }) =>
      (rule.ports ?? []).map((p) => p.port),
    );
    expect(ports).toEqual(expect.arrayContaining([53, 7233, 5432, 6379]));
  });

  it('renders no self-hosted fence for Temporal Cloud', () => {
    const cloud = render('deploy/helm/values-temporal-cloud-mtls.yaml');
    expect(cloud.some((m) => m.metadata.name === 'cadenza-temporal-frontend')).toBe(false);
    expect(cloud.some((m) => m.metadata.name === 'cadenza-worker-egress')).toBe(true);
  });
});
