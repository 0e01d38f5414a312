import { ManagedProcess } from './managed-process';
import { waitUntil } from './wait-until';

const nodeScript = (name: string, code: string, restart = false) => {
  const lines: string[] = [];
  const process_ = new ManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', code],
    restart,
    log: (line) => lines.push(line),
  });
  return { process: process_, lines };
};

describe('ManagedProcess', () => {
  it('restarts a process that dies unexpectedly', async () => {
    const { process: child, lines } = nodeScript(
      'crashy',
      'console.log("started"); setTimeout(() => process.exit(3), 50)',
      true,
    );
    child.start();
    await waitUntil('a restart', async () => lines.filter((l) => l === 'started').length >= 2, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    expect(lines).toContain('exited unexpectedly (code 3)');
    await child.stop(1000);
  });

  it('escalates to SIGKILL when SIGTERM is ignored, and then is gone', async () => {
    const { process: child, lines } = nodeScript(
      'stubborn',
      'process.on("SIGTERM", () => console.log("ignoring")); console.log("ready"); setInterval(() => {}, 1000)',
    );
    child.start();
    await waitUntil('ready', async () => lines.includes('ready'), { timeoutMs: 5000, intervalMs: 20 });
    const pid = child.pid!;
    await child.stop(200);
    expect(lines.some((l) => l.startsWith('did not stop within 200 ms'))).toBe(true);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
