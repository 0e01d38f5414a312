/** Deep link to one workflow execution in the Temporal Web UI. */
export function temporalRunUrl(uiBaseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = uiBaseUrl.replace(/\/+$/, '');
  const path = `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${path}/${encodeURIComponent(runId)}/history` : path;
}
