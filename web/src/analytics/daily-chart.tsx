import { useState } from 'react';
import { Box, Chip, Stack } from '@mui/material';
import type { DailyFunnel, FunnelCounts } from '@cadenza/core';
import { linePoints, niceMax } from './chart-scale';

const SERIES: Array<{ key: keyof FunnelCounts; label: string; color: string }> = [
  { key: 'enrolled', label: 'Enrolled', color: '#455a64' },
  { key: 'sent', label: 'Sent', color: '#1976d2' },
  { key: 'delivered', label: 'Delivered', color: '#64b5f6' },
  { key: 'opened', label: 'Opened', color: '#7b1fa2' },
  { key: 'clicked', label: 'Clicked', color: '#f57c00' },
  { key: 'replied', label: 'Replied', color: '#2e7d32' },
  { key: 'goalReached', label: 'Goal reached', color: '#c2185b' },
  { key: 'unenrolled', label: 'Unenrolled', color: '#9e9e9e' },
];

const W = 640;
const H = 200;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/** Funnel metrics per day as lines (hand-drawn SVG); chips toggle series on and off. */
export function DailyChart({ daily }: { daily: DailyFunnel[] }) {
  const [shown, setShown] = useState<Set<keyof FunnelCounts>>(() => new Set(['enrolled', 'sent', 'opened', 'replied']));
  const visible = SERIES.filter((series) => shown.has(series.key));
  const max = niceMax(Math.max(0, ...daily.flatMap((day) => visible.map((series) => day[series.key]))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, max / 2, max];
  const labelDays = daily.length <= 1 ? daily : [daily[0]!, daily[Math.floor((daily.length - 1) / 2)]!, daily.at(-1)!];
  const xOf = (index: number) => (daily.length <= 1 ? plotW / 2 : (index / (daily.length - 1)) * plotW);
  return (
    <Box>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mb: 1 }}>
        {SERIES.map((series) => (
          <Chip
            key={series.key}
            size="small"
            label={series.label}
            variant={shown.has(series.key) ? 'filled' : 'outlined'}
            onClick={() =>
              setShown((current) => {
                const next = new Set(current);
                if (next.has(series.key)) next.delete(series.key);
                else next.add(series.key);
                return next;
              })
            }
            sx={shown.has(series.key) ? { bgcolor: series.color, color: 'white' } : { borderColor: series.color }}
          />
        ))}
      </Stack>
      <svg role="img" aria-label="daily funnel" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ display: 'block' }}>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {ticks.map((tick) => {
            const y = plotH - (tick / max) * plotH;
            return (
              <g key={tick}>
                <line x1={0} x2={plotW} y1={y} y2={y} stroke="#e0e0e0" />
                <text x={-6} y={y + 4} textAnchor="end" fontSize="11" fill="#777">
                  {Number.isInteger(tick) ? tick : tick.toFixed(1)}
                </text>
              </g>
            );
          })}
          {labelDays.map((day) => {
            const index = daily.indexOf(day);
            // The end labels sit inside the plot, so the first and last day are never clipped.
            const anchor =
              daily.length <= 1 ? 'middle' : index === 0 ? 'start' : index === daily.length - 1 ? 'end' : 'middle';
            return (
              <text key={day.day} x={xOf(index)} y={plotH + 16} textAnchor={anchor} fontSize="11" fill="#777">
                {day.day}
              </text>
            );
          })}
          {visible.map((series) => (
            <polyline
              key={series.key}
              data-testid={`series-${series.key}`}
              points={linePoints(
                daily.map((day) => day[series.key]),
                max,
                plotW,
                plotH,
              )}
              fill="none"
              stroke={series.color}
              strokeWidth="2"
            >
              <title>{`${series.label}: ${daily.reduce((sum, day) => sum + day[series.key], 0)} in the range`}</title>
            </polyline>
          ))}
        </g>
      </svg>
    </Box>
  );
}
