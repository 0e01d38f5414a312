import { webDesignerFigures } from './web-designer-figures';

const report = {
  targets: { lighthouse: 90, initialJsGzipKb: 350, eventToDomP95Ms: 150 },
  lighthouse: {
    designer: { desktop: { score: 98 }, mobile: { score: 75 } },
    flowList: { desktop: { score: 100 }, mobile: { score: 88 } },
  },
  initialJs: { designer: { gzipKb: 322 }, flowList: { gzipKb: 223 } },
  render: { nodes200: { p50Ms: 900 }, nodes10: { p50Ms: 450 } },
  events: { eventToDom: { p95Ms: 60 }, nodeCountsRequest: { p95Ms: 10 }, missed: 0 },
};

describe('web-designer figures', () => {
  it('compares each figure with its target or the same run’s baseline', () => {
    const figures = webDesignerFigures(report);
    const byName = Object.fromEntries(figures.map((f) => [f.name, f]));
    expect(byName['lighthouse designer (desktop)']).toMatchObject({ value: 98, against: { value: 90 } });
    expect(byName['initial JS gzipped']!.ratio).toBe(0.92);
    expect(byName['200-node flow render p50']!.ratio).toBe(2);
    expect(byName['server event to DOM p95 vs request']!.ratio).toBe(6);
    expect(byName['events never shown']!.against).toBeNull();
  });

  it('leaves Lighthouse out of a run that skipped it', () => {
    const figures = webDesignerFigures({ ...report, lighthouse: null });
    expect(figures.some((f) => f.name.startsWith('lighthouse'))).toBe(false);
    expect(figures).toHaveLength(6);
  });
});
