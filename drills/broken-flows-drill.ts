import { FLOW_ERROR_CODES } from '@cadenza/core';
import { generateBrokenFlows } from './broken-flows';
import { isJsonError, startApiProcess } from './api-process';
import type { DrillServices } from './drill-services';

interface ValidationAnswer {
  ok?: boolean;
  errors?: Array<{ code: string; nodeId?: string }>;
  details?: { errors?: Array<{ code: string; nodeId?: string }> };
}

/**
 * Drill 6: seeded broken graphs to /flows/validate (a 200 with ok:false, or a 4xx) and to
 * POST /flows (a 4xx JSON error); both must list known error codes and name the broken node.
 */
export async function brokenFlowsDrill(
  services: DrillServices,
  options: { count: number; seed: number },
  log: (line: string) => void,
) {
  const api = await startApiProcess(services);
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  const known = new Set<string>(FLOW_ERROR_CODES);
  const fail = (what: string) => failures.length < 20 && failures.push(what);
  try {
    const flows = generateBrokenFlows(options.seed, options.count);
    for (const [index, flow] of flows.entries()) {
      const label = `#${index} ${flow.mutations.join('+')}`;
      const validated = await api.call('/api/v1/flows/validate', {
        method: 'POST',
        body: { definition: flow.definition },
      });
      const created = await api.call('/api/v1/flows', {
        method: 'POST',
        body: { name: `broken ${index}`, kind: 'sequence', draft: flow.definition },
      });
      for (const [route, answer] of [
        ['validate', validated],
        ['create', created],
      ] as const) {
        statuses[`${route} ${answer.status}`] = (statuses[`${route} ${answer.status}`] ?? 0) + 1;
        const body = answer.body as ValidationAnswer;
        const accepted = route === 'validate' && answer.status === 200 && body.ok === false;
        if (!accepted && (answer.status < 400 || answer.status >= 500)) {
          fail(`${label}: ${route} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          continue;
        }
        if (!accepted && !isJsonError(answer.body)) fail(`${label}: ${route} ${answer.status} without a JSON error`);
        const errors = body.errors ?? body.details?.errors;
        // A non-object definition fails request validation before the flow validator: no node errors then.
        if (!errors && flow.mutations[0] === 'not_an_object') continue;
        if (!errors?.length) {
          fail(
            `${label}: ${route} ${answer.status} lists no flow errors: ${JSON.stringify(answer.body).slice(0, 200)}`,
          );
          continue;
        }
        const unknown = errors.filter((e) => !known.has(e.code));
        if (unknown.length) fail(`${label}: ${route} unknown error codes ${unknown.map((e) => e.code).join(',')}`);
        const named = new Set(errors.map((e) => e.nodeId));
        const unnamed = flow.blamedNodes.filter((node) => !named.has(node));
        if (unnamed.length) fail(`${label}: ${route} does not name node(s) ${unnamed.join(',')}`);
      }
    }
    const health = await api.call('/health');
    if (health.status !== 200) fail(`API unhealthy after the drill: ${health.status}`);
    log(`answers ${JSON.stringify(statuses)}`);
    return { flows: flows.length, requests: flows.length * 2, statuses, failures };
  } finally {
    await api.stop();
  }
}
