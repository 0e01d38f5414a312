import { webDesignerFigures } from './web-designer-figures';
import { aiLocalModelFigures } from './ai-local-model-figures';
import { embeddingsFigures } from './embeddings-figures';
import { semanticSearchFigures } from './semantic-search-figures';
import { leadScoringFigures } from './lead-scoring-figures';
import { replyTriageFigures } from './reply-triage-figures';
import { mailboxSyncFigures } from './mailbox-sync-figures';
import { draftGateFigures } from './draft-gate-figures';
/** One figure of the combined report, with what it is compared against (measured in the same run). */
export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, and the ratio value / against (null when there is none). */
  against: { name: string; value: number } | null;
  ratio: number | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function figure(
  bench: string,
  name: string,
  value: number,
  unit: string,
  against?: { name: string; value: number },
): Figure {
  return {
    bench,
    name,
    value: round(value),
    unit,
    against: against ? { name: against.name, value: round(against.value) } : null,
    ratio: against && against.value ? round(value / against.value, 3) : null,
  };
}

/** flow-throughput: the real flow against the no-op baseline workflow run on the same server. */
export function flowThroughputFigures(r: Json): Figure[] {
  const b = { name: 'baseline (no-op activities)' };
  return [
    figure('flow-throughput', 'executions/s', r.flow.executionsPerSecond, '/s', {
      ...b,
      value: r.baseline.executionsPerSecond,
    }),
    figure('flow-throughput', 'steps/s', r.flow.stepsPerSecond, '/s', { ...b, value: r.baseline.stepsPerSecond }),
    figure('flow-throughput', 'starts/s', r.flow.startsPerSecond, '/s', { ...b, value: r.baseline.startsPerSecond }),
  ];
}

/** crm-contacts: latency at a fixed rate against the same route at its maximum rate, and the target. */
export function crmContactsFigures(r: Json): Figure[] {
  const out: Figure[] = [];
  for (const op of ['search', 'update']) {
    const fixed = r.results[`${op} @ 200/s`];
    const max = r.results[`${op} @ max`];
    if (!fixed || !max) continue;
    out.push(
      figure('crm-contacts', `${op} p95 @ 200/s`, fixed.p95, 'ms', { name: 'target p95', value: r.targetP95Ms }),
    );
    out.push(
      figure('crm-contacts', `${op} max throughput`, max.throughput, 'req/s', {
        name: 'offered 200/s',
        value: fixed.throughput,
      }),
    );
    out.push(figure('crm-contacts', `${op} errors`, fixed.errors + fixed.non2xx + max.errors + max.non2xx, 'count'));
  }
  return out;
}

/** live-updates: delivery latency against its target, deliveries against what was expected. */
export function liveUpdatesFigures(r: Json): Figure[] {
  return [
    figure('live-updates', 'p95 delivery latency', r.latency.p95Ms, 'ms', {
      name: 'target p95',
      value: r.latencyTargetP95Ms,
    }),
    figure('live-updates', 'deliveries', r.throughput.deliveries, 'count', {
      name: 'expected',
      value: r.throughput.expectedDeliveries,
    }),
    figure('live-updates', 'deliveries/s', r.throughput.deliveriesPerSecond, '/s', {
      name: 'commits/s x clients',
      value: r.throughput.committedPerSecond * r.clients,
    }),
    figure('live-updates', 'gateway errors', r.gatewayErrors, 'count'),
  ];
}

/** contacts-ui: Lighthouse against its target, scroll frames against the 60 Hz budget, live row latency against the API alone. */
export function contactsUiFigures(r: Json): Figure[] {
  const target = { name: 'target', value: r.lighthouseTarget };
  return [
    figure('contacts-ui', 'lighthouse performance (desktop)', r.lighthouse.desktop.score, 'points', target),
    figure('contacts-ui', 'lighthouse performance (mobile)', r.lighthouse.mobile.score, 'points', target),
    figure('contacts-ui', 'scroll frame p95', r.scroll.frames.p95Ms, 'ms', { name: '60 Hz frame', value: 1000 / 60 }),
    figure('contacts-ui', 'scroll dropped frames', r.scroll.frames.droppedFrames, 'count', {
      name: 'frames drawn',
      value: r.scroll.frames.frames,
    }),
    figure('contacts-ui', 'update-to-screen p95', r.live.updateToScreen.p95Ms, 'ms', {
      name: 'API PATCH response p95',
      value: r.live.apiResponse.p95Ms,
    }),
    figure('contacts-ui', 'update-to-screen p95 vs target', r.live.updateToScreen.p95Ms, 'ms', {
      name: 'target p95',
      value: r.liveTargetP95Ms,
    }),
  ];
}

/** messaging: SMTP messages/s through four sequences against straight SMTP, reply-to-run p95 against a bare signal. */
export function messagingFigures(r: Json): Figure[] {
  return [
    figure('messaging', 'SMTP messages/s (4 sequences)', r.smtp.flows.perSecond, '/s', {
      name: 'compose + SMTP straight to the sink',
      value: r.smtp.baseline.perSecond,
    }),
    figure('messaging', 'reply intake to run p95', r.reply.flow.p95Ms, 'ms', {
      name: 'bare Temporal signal p95',
      value: r.reply.baseline.p95Ms,
    }),
  ];
}

export const FIGURES_OF: Record<string, (report: Json) => Figure[]> = {
  'web-designer': webDesignerFigures,
  'contacts-ui': contactsUiFigures,
  'flow-throughput': flowThroughputFigures,
  'crm-contacts': crmContactsFigures,
  'live-updates': liveUpdatesFigures,
  messaging: messagingFigures,
  'ai-local-model': aiLocalModelFigures,
  'lead-scoring': leadScoringFigures,
  'reply-triage': replyTriageFigures,
  'mailbox-sync': mailboxSyncFigures,
  embeddings: embeddingsFigures,
  'semantic-search': semanticSearchFigures,
  'draft-gate': draftGateFigures,
};

export function toMarkdown(
  meta: { at: string; size: string; loadAverage: number[] },
  figures: Figure[],
  failures: string[],
): string {
  const lines = [
    '# Benchmark report',
    '',
    `${meta.at}, size ${meta.size}, load average ${meta.loadAverage.map((n) => n.toFixed(2)).join(' / ')}`,
    '',
    '| bench | figure | value | against | ratio |',
    '| ----- | ------ | ----- | ------- | ----- |',
    ...figures.map(
      (f) =>
        `| ${f.bench} | ${f.name} | ${f.value} ${f.unit} | ${f.against ? `${f.against.name}: ${f.against.value}` : ''} | ${f.ratio ?? ''} |`,
    ),
  ];
  if (failures.length) lines.push('', '## Failed benches', '', ...failures.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}
