import { flowThroughputFigures, liveUpdatesFigures, messagingFigures, toMarkdown } from './combined-report';

describe('combined bench report', () => {
  it('compares the flow with the baseline of the same run', () => {
    const figures = flowThroughputFigures({
      baseline: { executionsPerSecond: 20, stepsPerSecond: 60, startsPerSecond: 100 },
      flow: { executionsPerSecond: 5, stepsPerSecond: 15, startsPerSecond: 50 },
    });
    expect(figures[0]).toMatchObject({ name: 'executions/s', value: 5, against: { value: 20 }, ratio: 0.25 });
    expect(figures.map((f) => f.ratio)).toEqual([0.25, 0.25, 0.5]);
  });

  it('has no ratio for a figure without a comparison', () => {
    const figures = liveUpdatesFigures({
      clients: 10,
      latency: { p95Ms: 40 },
      latencyTargetP95Ms: 50,
      throughput: { deliveries: 100, expectedDeliveries: 100, deliveriesPerSecond: 90, committedPerSecond: 10 },
      gatewayErrors: 0,
    });
    expect(figures.find((f) => f.name === 'gateway errors')).toMatchObject({ against: null, ratio: null });
    expect(figures.find((f) => f.name === 'p95 delivery latency')!.ratio).toBe(0.8);
  });

  it('compares messaging with straight SMTP and a bare signal', () => {
    const figures = messagingFigures({
      smtp: { baseline: { perSecond: 40 }, flows: { perSecond: 10 } },
      reply: { baseline: { p95Ms: 10 }, flow: { p95Ms: 50 } },
    });
    expect(figures.map((f) => f.ratio)).toEqual([0.25, 5]);
  });

  it('renders a markdown table with failures listed', () => {
    const md = toMarkdown({ at: 'now', size: 'small', loadAverage: [1, 2, 3] }, [], ['crm-contacts: exit 1']);
    expect(md).toContain('| bench | figure | value | against | ratio |');
    expect(md).toContain('- crm-contacts: exit 1');
  });
});
