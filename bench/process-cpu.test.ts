import { cpuBetween, cpuOfTree, cpuPerExecution, parseProcStat } from './process-cpu';

describe('process CPU accounting', () => {
  it('parses /proc/<pid>/stat, command names with spaces and parentheses included', () => {
    const line = '4242 (postgres: bench (x)) S 4000 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0 1 1 1';
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 4000, name: 'postgres: bench (x)', cpuSeconds: 3.1 });
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('reads this process and attributes CPU used between two readings', () => {
    const before = cpuOfTree();
    const end = Date.now() + 120;
    while (Date.now() < end) Math.sqrt(Math.random());
    const used = cpuBetween(before, cpuOfTree());
    expect([...used.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('reports milliseconds per execution, largest first, with a total', () => {
    const used = new Map([
      ['temporal', 2],
      ['postgres', 1],
    ]);
    expect(cpuPerExecution(used, 100)).toEqual([
      { program: 'temporal', ms: 20 },
      { program: 'postgres', ms: 10 },
      { program: 'total', ms: 30 },
    ]);
  });
});
