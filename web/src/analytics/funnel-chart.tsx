import type { FunnelCounts } from '@cadenza/core';
import { formatCount } from '../format/plain-format';

/** The stages drawn as a funnel, in order; "unenrolled" is a way out, shown apart. */
export const FUNNEL_STAGES: Array<{ key: keyof FunnelCounts; label: string }> = [
  { key: 'enrolled', label: 'Enrolled' },
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'opened', label: 'Opened' },
  { key: 'clicked', label: 'Clicked' },
  { key: 'replied', label: 'Replied' },
  { key: 'goalReached', label: 'Goal reached' },
];

const ROW = 30;
const LABEL = 110;
const WIDTH = 560;
const BAR = WIDTH - LABEL - 120;

/** Bar width for a count against the largest one; a non-zero count always gets a sliver. */
export function barWidth(count: number, max: number, full = BAR): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.max(2, (count / max) * full);
}

/**
 * The funnel as horizontal bars (hand-drawn SVG: no chart library in the bundle). Each bar
 * says its count and its share of the stage before, which is what a marketer tunes.
 */
export function FunnelChart({ totals }: { totals: FunnelCounts }) {
  const max = Math.max(...FUNNEL_STAGES.map((stage) => totals[stage.key]));
  return (
    <svg
      role="img"
      aria-label="funnel"
      viewBox={`0 0 ${WIDTH} ${FUNNEL_STAGES.length * ROW}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
    >
      {FUNNEL_STAGES.map((stage, i) => {
        const count = totals[stage.key];
        const previous = i === 0 ? null : totals[FUNNEL_STAGES[i - 1]!.key];
        const share = previous ? `${Math.round((count / previous) * 100)}%` : '';
        const width = barWidth(count, max);
        const y = i * ROW;
        return (
          <g key={stage.key} data-testid={`funnel-${stage.key}`}>
            <title>{`${stage.label}: ${count}${share ? ` (${share} of ${FUNNEL_STAGES[i - 1]!.label.toLowerCase()})` : ''}`}</title>
            <text x={LABEL - 8} y={y + 19} textAnchor="end" fontSize="13" fill="#444">
              {stage.label}
            </text>
            <rect x={LABEL} y={y + 5} width={width} height={ROW - 10} rx="3" fill="#1976d2" opacity={1 - i * 0.09} />
            <text x={LABEL + width + 6} y={y + 19} fontSize="13" fill="#222">
              {formatCount(count)}
              {share && (
                <tspan fill="#777" fontSize="11">
                  {`  ${share}`}
                </tspan>
              )}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
