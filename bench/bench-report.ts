/** One measured batch: how fast runs were started and how fast they all finished. */
export interface PhaseResult {
  runs: number;
  stepsPerRun: number;
  completed: number;
  notCompleted: number;
  /** Seconds from the first start request until the last start returned. */
  startSeconds: number;
  /** Seconds from the first start request until the last run closed. */
  totalSeconds: number;
}

export interface PhaseRates {
  startsPerSecond: number;
  executionsPerSecond: number;
  stepsPerSecond: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function ratesOf(phase: PhaseResult): PhaseRates {
  return {
    startsPerSecond: round(phase.runs / phase.startSeconds),
    executionsPerSecond: round(phase.completed / phase.totalSeconds),
    stepsPerSecond: round((phase.completed * phase.stepsPerRun) / phase.totalSeconds),
  };
}

/** A plain text table, one row per phase, for the terminal. */
export function formatTable(rows: Array<{ label: string; phase: PhaseResult; rates: PhaseRates }>): string {
  const header = ['', 'runs', 'completed', 'start s', 'total s', 'starts/s', 'executions/s', 'steps/s'];
  const lines = rows.map(({ label, phase, rates }) => [
    label,
    String(phase.runs),
    String(phase.completed),
    phase.startSeconds.toFixed(2),
    phase.totalSeconds.toFixed(2),
    rates.startsPerSecond.toFixed(1),
    rates.executionsPerSecond.toFixed(1),
    rates.stepsPerSecond.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  return [header, ...lines].map((line) => line.map((cell, i) => cell.padStart(widths[i]!)).join('  ')).join('\n');
}
