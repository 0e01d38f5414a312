import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * web-designer: Lighthouse and initial JS against their targets and the flow list page of the
 * same run, 200-node render against a 10-node flow, server event to DOM against its target and
 * against the node-counts request the page makes for each event.
 */
export function webDesignerFigures(r: Json): Figure[] {
  const b = 'web-designer';
  const figures: Figure[] = [];
  if (r.lighthouse) {
    for (const preset of ['desktop', 'mobile'] as const) {
      figures.push(
        figure(b, `lighthouse designer (${preset})`, r.lighthouse.designer[preset].score, 'points', {
          name: 'target',
          value: r.targets.lighthouse,
        }),
        figure(b, `lighthouse designer vs flow list (${preset})`, r.lighthouse.designer[preset].score, 'points', {
          name: 'flow list page',
          value: r.lighthouse.flowList[preset].score,
        }),
      );
    }
  }
  figures.push(
    figure(b, 'initial JS gzipped', r.initialJs.designer.gzipKb, 'KB', {
      name: 'target',
      value: r.targets.initialJsGzipKb,
    }),
    figure(b, 'initial JS gzipped vs flow list', r.initialJs.designer.gzipKb, 'KB', {
      name: 'flow list page',
      value: r.initialJs.flowList.gzipKb,
    }),
    figure(b, '200-node flow render p50', r.render.nodes200.p50Ms, 'ms', {
      name: '10-node flow render p50',
      value: r.render.nodes10.p50Ms,
    }),
    figure(b, 'server event to DOM p95', r.events.eventToDom.p95Ms, 'ms', {
      name: 'target p95',
      value: r.targets.eventToDomP95Ms,
    }),
    figure(b, 'server event to DOM p95 vs request', r.events.eventToDom.p95Ms, 'ms', {
      name: 'node-counts request p95',
      value: r.events.nodeCountsRequest.p95Ms,
    }),
    figure(b, 'events never shown', r.events.missed, 'count'),
  );
  return figures;
}
