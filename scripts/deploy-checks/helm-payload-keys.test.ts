import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'projects/acme-prod/locations/europe-west1/keyRings/cadenza-payloads/cryptoKeys/cadenza-payload-kek';
const GSA = 'cadenza-workloads@acme-prod.iam.gserviceaccount.com';

/** The chart as Helm renders it (the lint renderer from .venv), with extra values given as YAML text. */
function render(values?: string) {
  const files: string[] = [];
  if (values) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cadenza-helm-')), 'values.yaml');
    writeFileSync(file, values);
    files.push(file);
  }
  const result = spawnSync(
    path.join(ROOT, '.venv', 'bin', 'python'),
    ['deploy/lint/render-chart.py', 'deploy/helm/cadenza', ...files],
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests
type Manifest = any;
const named = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name);
const envOf = (deployment: Manifest) =>
  Object.fromEntries(
    deployment.spec.template.spec.containers[0].env.map((entry: { name: string; value?: string }) => [
      entry.name,
      entry.value,
    ]),
  );
const metadataRules = (manifests: Manifest[]) =>
  named(manifests, 'NetworkPolicy', 'cadenza-worker-egress').spec.egress.filter(
    (rule: { to: Array<{ ipBlock?: { cidr: string } }> }) =>
      rule.to.some((to) => to.ipBlock?.cidr.startsWith('169.254.')),
  );

/** Payload encryption in the chart: the KMS key, the pods' Google identity, and the Temporal UI's codec endpoint. */
describe('Helm chart: payload keys', () => {
  const defaults = render();
  const withKms = render(`kms: { keyName: ${KEY}, endpoint: '', gcpServiceAccount: ${GSA} }\n`);

  it('passes CADENZA_KMS_KEY_NAME to the API and the worker only when kms.keyName is set', () => {
    for (const name of ['cadenza-api', 'cadenza-worker']) {
      expect(envOf(named(withKms, 'Deployment', name)).CADENZA_KMS_KEY_NAME).toBe(KEY);
      expect(envOf(named(defaults, 'Deployment', name))).not.toHaveProperty('CADENZA_KMS_KEY_NAME');
      expect(envOf(named(withKms, 'Deployment', name))).not.toHaveProperty('CADENZA_KMS_ENDPOINT');
    }
  });

  it("runs both as a ServiceAccount that Workload Identity maps to the Terraform's Google service account", () => {
    for (const name of ['cadenza-api', 'cadenza-worker']) {
      const pod = named(withKms, 'Deployment', name).spec.template.spec;
      expect(pod.serviceAccountName).toBe('cadenza-workload');
      expect(pod.automountServiceAccountToken).toBe(false);
    }
    expect(named(withKms, 'ServiceAccount', 'cadenza-workload').metadata.annotations).toEqual({
      'iam.gke.io/gcp-service-account': GSA,
    });
    expect(named(defaults, 'ServiceAccount', 'cadenza-workload').metadata.annotations).toBeUndefined();
  });

  it('opens the metadata server to the worker pods only with a KMS key, and never through CADENZA_EGRESS_ALLOW', () => {
    expect(metadataRules(defaults)).toEqual([]);
    expect(metadataRules(withKms)).toEqual([
      { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
    ]);
    for (const name of ['cadenza-api', 'cadenza-worker']) {
      expect(envOf(named(withKms, 'Deployment', name))).not.toHaveProperty('CADENZA_EGRESS_ALLOW');
    }
  });

  it("tells the self-hosted Temporal UI the API's codec endpoint on the public host, with credentials", () => {
    const codec = named(defaults, 'ConfigMap', 'cadenza-temporal-ui-codec');
    expect(codec.metadata.namespace).toBe('temporal');
    expect(codec.data).toEqual({
      TEMPORAL_CODEC_ENDPOINT: 'https://cadenza.example.com/api/v1/temporal-codec',
      TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true',
    });
    const own = render(`temporal:
  mode: selfHosted
  address: temporal-frontend.temporal.svc.cluster.local:7233
  namespace: default
  taskQueue: cadenza-main
  uiUrl: https://temporal-ui.example.com
  codecEndpoint: https://app.acme.test/api/v1/temporal-codec
  protection: { enabled: true, namespace: temporal-prod, frontendSelector: { app: temporal }, ui: { selector: { app: web }, service: { name: temporal-web, port: 8080 }, ingressControllerNamespace: ingress-nginx, ingress: { enabled: false } } }
`);
    const moved = named(own, 'ConfigMap', 'cadenza-temporal-ui-codec');
    expect(moved.metadata.namespace).toBe('temporal-prod');
    expect(moved.data.TEMPORAL_CODEC_ENDPOINT).toBe('https://app.acme.test/api/v1/temporal-codec');
  });
});
