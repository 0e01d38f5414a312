/** The payload codec may cost at most this much more CPU per execution than the same runs in plain text (issue 29). */
export const MAX_CODEC_RATIO = 1.1;

type CpuRows = ReadonlyArray<{ program: string; ms: number }>;

const nodeMs = (rows: CpuRows) => rows.find((row) => row.program === 'node')?.ms ?? 0;

/**
 * What encrypting every payload costs: this process's CPU per execution (client and worker, where
 * the codec runs) with and without it, on the same workload. Temporal's own CPU is left out: the
 * server never sees plaintext either way, and its cost does not depend on the codec.
 */
export function codecOverhead(
  plain: { cpu: CpuRows },
  encrypted: { cpu: CpuRows },
): { withoutMs: number; withMs: number; ratio: number } {
  const withoutMs = nodeMs(plain.cpu);
  const withMs = nodeMs(encrypted.cpu);
  return { withoutMs, withMs, ratio: withoutMs > 0 ? Math.round((withMs / withoutMs) * 100) / 100 : 0 };
}
