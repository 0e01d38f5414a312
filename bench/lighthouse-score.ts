import { writeFileSync } from 'node:fs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../scripts/e2e/chromium-flags';

export type LighthousePreset = 'desktop' | 'mobile';

export interface LighthouseFigures {
  score: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
  speedIndexMs: number;
  transferredKb: number;
  runtimeError: string | null;
}

const TRACE_FUNCTIONS = process.env.BENCH_LIGHTHOUSE_TRACE === '1';

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Lighthouse's performance category for a page, in a Chromium of its own (chrome-launcher,
 * Debian's /usr/bin/chromium with the e2e flags), with the session cookie on every request.
 * `mobile` is Lighthouse's default (throttled phone); `desktop` its desktop preset.
 * `reportFile` keeps Lighthouse's full report (what the largest contentful paint was, which
 * scripts weighed most). With BENCH_LIGHTHOUSE_TRACE=1 the run also records V8's sampling profiler
 * and keeps the trace beside the report (`<report>.trace.json`, opens in Chrome's Performance panel):
 * which functions ran in the long tasks. The profiler slows the page, so scores of such runs do not count.
 */
export async function lighthouseScore(
  url: string,
  cookie: string,
  preset: LighthousePreset,
  reportFile?: string,
): Promise<LighthouseFigures> {
  const [{ default: lighthouse }, chromeLauncher, { default: desktopConfig }] = await Promise.all([
    import('lighthouse'),
    import('chrome-launcher'),
    import('lighthouse/core/config/desktop-config.js'),
  ]);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    // Lighthouse wants the new headless mode; the other flags are the e2e tests' own.
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS.filter((flag) => flag !== '--headless')],
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: { cookie },
        ...(TRACE_FUNCTIONS ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
      },
      preset === 'desktop' ? desktopConfig : undefined,
    );
    const lhr = result!.lhr;
    if (reportFile) writeFileSync(reportFile, JSON.stringify(lhr));
    if (reportFile && TRACE_FUNCTIONS)
      writeFileSync(`${reportFile}.trace.json`, JSON.stringify(result!.artifacts.Trace));
    const metric = (id: string) => round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      firstContentfulPaintMs: metric('first-contentful-paint'),
      largestContentfulPaintMs: metric('largest-contentful-paint'),
      totalBlockingTimeMs: metric('total-blocking-time'),
      cumulativeLayoutShift: metric('cumulative-layout-shift'),
      speedIndexMs: metric('speed-index'),
      transferredKb: round((lhr.audits['total-byte-weight']?.numericValue ?? NaN) / 1024),
      runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code} ${lhr.runtimeError.message}` : null,
    };
  } finally {
    chrome.kill();
  }
}

/**
 * lighthouseScore, tried once more when Lighthouse could not measure the run (NO_NAVSTART, a
 * trace without its navigation, on a busy machine): such a run scores 0 and would drag a median.
 */
export async function retriedLighthouseScore(
  url: string,
  cookie: string,
  preset: LighthousePreset,
  reportFile: string | undefined,
  log: (message: string) => void,
): Promise<LighthouseFigures> {
  const first = await lighthouseScore(url, cookie, preset, reportFile);
  if (first.score > 0 || !first.runtimeError) return first;
  log(`lighthouse (${preset}) again after: ${first.runtimeError}`);
  return lighthouseScore(url, cookie, preset, reportFile);
}
