import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by this process and every process it started (the Temporal dev server,
 * PostgreSQL and its backends), grouped by program name, read from /proc. On a shared box
 * the rates of a phase swing with whatever else runs, while the CPU seconds one execution
 * costs each program barely move: they show what bounds the rate when the cores are full.
 */
export type CpuByProgram = Map<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  cpuSeconds: number;
}

/** Fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces). */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); ppid is field 4, utime 14, stime 15, and cutime 16, cstime 17:
  // what its ended children used (PostgreSQL backends that closed), so nothing is lost.
  const ppid = Number(rest[1]);
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(rest[i]));
  if (![ppid, utime, stime, cutime, cstime].every(Number.isFinite)) return null;
  return {
    pid: Number(text.slice(0, open).trim()),
    ppid,
    name: text.slice(open + 1, close),
    cpuSeconds: (utime! + stime! + cutime! + cstime!) / TICKS_PER_SECOND,
  };
}

function readAll(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat) stats.push(stat);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return stats;
}

/** CPU seconds so far of `root` and its descendants, summed per program name. */
export function cpuOfTree(root = process.pid): CpuByProgram {
  const all = readAll();
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const totals: CpuByProgram = new Map();
  const visit = (stat: ProcStat) => {
    totals.set(stat.name, (totals.get(stat.name) ?? 0) + stat.cpuSeconds);
    for (const child of children.get(stat.pid) ?? []) visit(child);
  };
  const self = all.find((stat) => stat.pid === root);
  if (self) visit(self);
  return totals;
}

/** What each program used between two readings. */
export function cpuBetween(before: CpuByProgram, after: CpuByProgram): CpuByProgram {
  const used: CpuByProgram = new Map();
  for (const [name, seconds] of after) {
    const delta = seconds - (before.get(name) ?? 0);
    if (delta > 0) used.set(name, delta);
  }
  return used;
}

/** Milliseconds of CPU per execution, per program, largest first; and the total. */
export function cpuPerExecution(used: CpuByProgram, executions: number): Array<{ program: string; ms: number }> {
  const rows = [...used].map(([program, seconds]) => ({
    program,
    ms: Math.round((seconds * 1000 * 10) / Math.max(1, executions)) / 10,
  }));
  rows.sort((a, b) => b.ms - a.ms);
  const total = Math.round(rows.reduce((sum, row) => sum + row.ms, 0) * 10) / 10;
  return [...rows, { program: 'total', ms: total }];
}
