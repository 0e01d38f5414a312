import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { DailyFunnel } from '@cadenza/core';
import { DailyChart } from './daily-chart';
import { FunnelChart, barWidth } from './funnel-chart';

afterEach(cleanup);

const TOTALS = {
  enrolled: 200,
  sent: 180,
  delivered: 171,
  opened: 90,
  clicked: 30,
  replied: 12,
  goalReached: 6,
  unenrolled: 20,
};

describe('funnel chart', () => {
  it('draws one bar per stage, scaled to the largest, with its share of the stage before', () => {
    render(<FunnelChart totals={TOTALS} />);
    const bar = (stage: string) => screen.getByTestId(`funnel-${stage}`);
    expect(bar('enrolled').querySelector('title')?.textContent).toBe('Enrolled: 200');
    expect(bar('sent').querySelector('title')?.textContent).toBe('Sent: 180 (90% of enrolled)');
    expect(bar('replied').querySelector('title')?.textContent).toBe('Replied: 12 (40% of clicked)');
    const width = (stage: string) => Number(bar(stage).querySelector('rect')?.getAttribute('width'));
    expect(width('enrolled')).toBeGreaterThan(width('sent'));
    expect(width('sent') / width('enrolled')).toBeCloseTo(0.9, 5);
    expect(screen.queryByTestId('funnel-unenrolled')).toBeNull();
  });

  it('gives a tiny count a visible sliver and nothing to a zero', () => {
    expect(barWidth(1, 100_000, 300)).toBe(2);
    expect(barWidth(0, 10, 300)).toBe(0);
    expect(barWidth(5, 0, 300)).toBe(0);
    render(<FunnelChart totals={{ ...TOTALS, enrolled: 0, sent: 0 }} />);
    expect(screen.getByTestId('funnel-sent').querySelector('title')?.textContent).toBe('Sent: 0');
  });
});

describe('daily chart', () => {
  const day = (d: string, sent: number): DailyFunnel => ({ ...TOTALS, day: d, sent });
  it('draws a line per shown series and toggles series from the legend', () => {
    render(<DailyChart daily={[day('2026-01-01', 4), day('2026-01-02', 10), day('2026-01-03', 0)]} />);
    const sent = screen.getByTestId('series-sent');
    expect(sent.querySelector('title')?.textContent).toBe('Sent: 14 in the range');
    expect(sent.getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(screen.queryByTestId('series-clicked')).toBeNull();
    fireEvent.click(screen.getByText('Clicked'));
    expect(screen.getByTestId('series-clicked')).toBeTruthy();
    fireEvent.click(screen.getByText('Sent'));
    expect(screen.queryByTestId('series-sent')).toBeNull();
  });
});
