/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
/**
 * The contacts page in headless Chromium, on 100,000 contacts:
 *
 *   1. Lighthouse performance score of /contacts (desktop and mobile presets; target >= 90);
 *   2. scrolling the virtualised table from the first contact to the last, loading keyset pages
 *      on the way: frame intervals (requestAnimationFrame), dropped frames, long frames;
 *   3. live updates: time from a PATCH sent to the API to the changed row painted on screen
 *      (target p95 < 150 ms), against the PATCH's own response time measured alongside.
 *
 *   npx tsx bench/contacts-ui.ts   (BENCH_CONTACTS=100000, BENCH_SCROLL_STEP=1200 px/frame,
 *                                   BENCH_SCROLL_MAX_SECONDS=240, BENCH_LIVE_UPDATES=40,
 *                                   BENCH_PARTS=lighthouse,scroll,live to run some parts only,
 *                                   BENCH_TRACE=file.json to record a Chromium trace of the scroll)
 *
 * The default scroll step, 1,200 px a frame (72,000 px/s, 30 rows a frame), is a stress figure
 * rather than a gesture: a hard trackpad or touch fling peaks near 100-200 px a frame, and only
 * dragging the scrollbar thumb moves further. Every frame then shows 30 rows the last one did
 * not, the table's worst case; BENCH_SCROLL_STEP=200 measures a hard fling instead.
 *
 * Starts PostgreSQL and Redis as the test harness does (or TEST_DATABASE_URL / TEST_REDIS_URL),
 * serves the API and the built web app (web/dist: run `npm run build:web` first) with the live
 * gateway and the event relay as in production, and drives /usr/bin/chromium (CHROMIUM_PATH)
 * with playwright-core; Lighthouse gets its own Chromium through chrome-launcher. Results go to
 * stdout and .data/bench/contacts-ui.json, Lighthouse's full reports to contacts-ui-lighthouse-*.json
 * beside it (what the largest contentful paint was, which scripts weighed most).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { createApiKey, createDataSource, createTenant, inviteTenantUser } from '@cadenza/data';
import { provisionPostgres, provisionRedis, type Provisioned } from '@cadenza/test-harness/provision';
import { assertWebBuilt } from '../scripts/e2e/e2e-browser';
import { frameStats } from './frame-stats';
import { retriedLighthouseScore, type LighthousePreset } from './lighthouse-score';
import { serveWebBenchApp, signedInPage } from './web-bench-app';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const SCROLL_STEP = Number(process.env.BENCH_SCROLL_STEP ?? 1200);
const SCROLL_MAX_SECONDS = Number(process.env.BENCH_SCROLL_MAX_SECONDS ?? 240);
const LIVE_UPDATES = Number(process.env.BENCH_LIVE_UPDATES ?? 40);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'lighthouse,scroll,live').split(',').map((part) => part.trim()));
const TRACE_FILE = process.env.BENCH_TRACE;
const LIVE_TARGET_P95_MS = 150;
const LIGHTHOUSE_TARGET = 90;
const ROOT = path.resolve(__dirname, '..');

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

const STAGES = ['subscriber', 'lead', 'marketing_qualified_lead', 'sales_qualified_lead', 'opportunity', 'customer'];

/** One INSERT … SELECT; distinct updated_at values so the default sort pages through every row. */
async function seed(db: ReturnType<typeof createDataSource>, tenantId: string): Promise<void> {
  await db.query(
    `INSERT INTO contacts (tenant_id, first_name, last_name, email, company_name, lifecycle_stage, tags, score,
                           created_at, updated_at)
     SELECT $1, 'First' || g, 'Last' || (g % 997), 'ui' || g || '@bench.example.com', 'Company ' || (g % 500),
       ($2::text[])[1 + g % array_length($2::text[], 1)],
       CASE WHEN g % 7 = 0 THEN ARRAY['vip', 'webinar'] ELSE ARRAY['webinar'] END,
       g % 101, now() - make_interval(secs => g), now() - make_interval(secs => g)
     FROM generate_series(1, $3::int) AS g`,
    [tenantId, STAGES, CONTACTS],
  );
  await db.query('ANALYZE contacts');
}

/**
 * Scrolls the table by `step` px each animation frame until the last contact is on screen
 * (waiting at the bottom while the next page loads), recording every frame interval.
 */
async function scrollToEnd(page: Page) {
  return page.evaluate(
    async ({ step, maxMs, total }) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="contacts-scroller"]')!;
      const grid = document.querySelector<HTMLElement>('[role="grid"][aria-label="contacts"]')!;
      const intervals: number[] = [];
      let waitingFrames = 0;
      const started = performance.now();
      let last = started;
      return new Promise<{ intervals: number[]; waitingFrames: number; seconds: number; rows: number }>((resolve) => {
        const tick = (time: number) => {
          intervals.push(time - last);
          last = time;
          const bottom = scroller.scrollHeight - scroller.clientHeight;
          const complete = grid.getAttribute('aria-rowcount') !== '-1';
          if ((complete && scroller.scrollTop >= bottom - 1) || time - started > maxMs) {
            // The furthest row on screen: aria-rowindex counts the header row as 1.
            const rowIndexes = Array.from(grid.querySelectorAll('[data-contact-id]'), (row) =>
              Number(row.getAttribute('aria-rowindex')),
            );
            const rows = Math.max(0, ...rowIndexes) - 1;
            resolve({ intervals: intervals.slice(1), waitingFrames, seconds: (time - started) / 1000, rows });
            return;
          }
          if (scroller.scrollTop >= bottom - 1) waitingFrames += 1;
          else scroller.scrollTop = Math.min(bottom, scroller.scrollTop + step);
          void total;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    { step: SCROLL_STEP, maxMs: SCROLL_MAX_SECONDS * 1000, total: CONTACTS },
  );
}

/** Seconds the page's renderer has spent running script, recalculating style and laying out. */
async function rendererTimes(cdp: CDPSession): Promise<{ script: number; style: number; layout: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { script: value('ScriptDuration'), style: value('RecalcStyleDuration'), layout: value('LayoutDuration') };
}

/** Resolves in the page with the time the row's score cell shows `score`, after the frame that painted it. */
async function watchScore(page: Page, id: string, score: number): Promise<void> {
  await page.evaluate(
    ({ id, score }) => {
      const w = window as unknown as { shownAt?: Promise<number> };
      const cell = () => document.querySelector(`[data-contact-id="${id}"] [data-col="score"]`);
      w.shownAt = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (cell()?.textContent !== String(score)) return;
          observer.disconnect();
          // The rAF callback runs just before the frame is painted; the task after it, just after.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now())));
        });
        observer.observe(document.querySelector('[data-testid="contacts-scroller"]')!, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
    },
    { id, score },
  );
}

/** The page's last refetch of changed rows (resource timing), as wall-clock start and end. */
async function lastRowRefetch(page: Page): Promise<{ start: number; end: number } | null> {
  return page.evaluate(() => {
    const entry = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/contacts/batch'))
      .at(-1) as PerformanceResourceTiming | undefined;
    if (!entry) return null;
    return { start: performance.timeOrigin + entry.startTime, end: performance.timeOrigin + entry.responseEnd };
  });
}

async function liveLatency(page: Page, base: string, apiKey: string) {
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('[data-testid="contacts-scroller"]')!.scrollTop = 0;
    // The scroll before filled the browser's resource timing buffer (250 entries) with pages of
    // contacts: with no room left, the row refetches below would go unrecorded.
    performance.clearResourceTimings();
  });
  await sleep(500);
  const ids = await page.$$eval('[data-contact-id]', (rows) =>
    rows.slice(0, 10).map((r) => r.getAttribute('data-contact-id')!),
  );
  const uiMs: number[] = [];
  const apiMs: number[] = [];
  // The update's path in the page: PATCH sent → event in (the row's refetch starts) → refetch
  // answered → row painted.
  const eventMs: number[] = [];
  const refetchMs: number[] = [];
  const renderMs: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < LIVE_UPDATES; i++) {
    const id = ids[i % ids.length]!;
    const current = Number(await page.textContent(`[data-contact-id="${id}"] [data-col="score"]`));
    const score = (current + 1) % 101;
    await watchScore(page, id, score);
    const sent = now();
    const response = await fetch(`${base}/api/v1/contacts/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ score }),
    });
    apiMs.push(now() - sent);
    if (response.status !== 200) throw new Error(`PATCH answered ${response.status}`);
    const shownAt = await Promise.race([
      page.evaluate(() => (window as unknown as { shownAt: Promise<number> }).shownAt),
      sleep(5000).then(() => null),
    ]);
    if (shownAt === null) timeouts += 1;
    else {
      uiMs.push(shownAt - sent);
      const refetch = await lastRowRefetch(page);
      if (refetch && refetch.start > sent) {
        eventMs.push(refetch.start - sent);
        refetchMs.push(refetch.end - refetch.start);
        renderMs.push(shownAt - refetch.end);
      }
    }
    await sleep(100);
  }
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      maxMs: round(sorted.at(-1) ?? NaN),
    };
  };
  return {
    updateToScreen: summary(uiMs),
    apiResponse: summary(apiMs),
    path: { untilRefetch: summary(eventMs), refetch: summary(refetchMs), refetchToPaint: summary(renderMs) },
    timeouts,
  };
}

async function main(): Promise<void> {
  assertWebBuilt();
  const dataDir = process.env.CADENZA_DATA_DIR ?? '.data';
  const dir = path.isAbsolute(dataDir) ? path.join(dataDir, 'bench') : path.join(ROOT, dataDir, 'bench');
  mkdirSync(dir, { recursive: true });
  const services: Provisioned[] = [];
  const closers: Array<() => Promise<unknown> | unknown> = [];
  try {
    log('starting PostgreSQL and Redis');
    const [postgres, redisService] = await Promise.all([provisionPostgres(process.env), provisionRedis(process.env)]);
    services.push(postgres, redisService);
    const db = await createDataSource({ url: postgres.address, poolSize: 10 }).initialize();
    closers.push(() => db.destroy());
    const tenant = await createTenant(db, 'contacts ui bench');
    const apiKey = await createApiKey(db, tenant.id, 'bench', 'admin');
    const email = `bench-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    await inviteTenantUser(db, tenant.id, { email, password, role: 'admin' }, { kind: 'system', id: null });
    const seedStart = Date.now();
    await seed(db, tenant.id);
    log(`seeded ${CONTACTS} contacts in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const { base, close } = await serveWebBenchApp({
      db,
      postgresUrl: postgres.address,
      redisUrl: redisService.address,
      // Another build (say, of the previous commit) to compare against under the same load.
      webDistDir: process.env.WEB_DIST_DIR,
    });
    closers.unshift(close);
    const { browser, page, errors } = await signedInPage(base, email, password);
    closers.unshift(() => browser.close());
    const cookie = (await page.context().cookies())
      .filter((c) => c.name === 'cadenza_session')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

    let lighthouse = null;
    if (PARTS.has('lighthouse')) {
      log('lighthouse: /contacts, desktop and mobile presets');
      const score = (preset: LighthousePreset) =>
        retriedLighthouseScore(
          `${base}/contacts`,
          cookie,
          preset,
          path.join(dir, `contacts-ui-lighthouse-${preset}.json`),
          log,
        );
      lighthouse = { desktop: await score('desktop'), mobile: await score('mobile') };
      log(
        `lighthouse performance: desktop ${lighthouse.desktop.score} (LCP ${lighthouse.desktop.largestContentfulPaintMs} ms), ` +
          `mobile ${lighthouse.mobile.score} (LCP ${lighthouse.mobile.largestContentfulPaintMs} ms, ` +
          `TBT ${lighthouse.mobile.totalBlockingTimeMs} ms, CLS ${lighthouse.mobile.cumulativeLayoutShift}, ` +
          `${lighthouse.mobile.transferredKb} KB)`,
      );
    }

    await page.goto(`${base}/contacts`);
    await page.locator('[data-contact-id]').first().waitFor();
    let scroll = null;
    if (PARTS.has('scroll')) {
      log(`scrolling through ${CONTACTS} contacts at ${SCROLL_STEP} px/frame`);
      // The renderer's own time spent in script, style and layout: a busy machine stretches
      // frame intervals, much less the work each frame does.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      // What each long frame was (script, GC, style, layout, paint): open the file in Perfetto.
      if (TRACE_FILE) await browser.startTracing(page, { path: TRACE_FILE, screenshots: false });
      const cpuBefore = await rendererTimes(cdp);
      const scrolled = await scrollToEnd(page);
      const cpuAfter = await rendererTimes(cdp);
      if (TRACE_FILE) await browser.stopTracing();
      const frames = frameStats(scrolled.intervals);
      const perFrame = (key: keyof typeof cpuAfter) =>
        round(((cpuAfter[key] - cpuBefore[key]) * 1000) / Math.max(1, scrolled.intervals.length));
      scroll = {
        rowsReached: scrolled.rows,
        seconds: round(scrolled.seconds),
        framesWaitingForData: scrolled.waitingFrames,
        domRows: await page.locator('[data-contact-id]').count(),
        frames,
        perFrameMs: { script: perFrame('script'), style: perFrame('style'), layout: perFrame('layout') },
      };
      log(
        `scrolled ${scroll.rowsReached} rows in ${scroll.seconds} s: ${frames.frames} frames, p50 ${frames.p50Ms} ms, ` +
          `p95 ${frames.p95Ms} ms, max ${frames.maxMs} ms, dropped ${frames.droppedFrames}, long ${frames.longFrames}, ` +
          `${scroll.framesWaitingForData} waiting for data, ${scroll.domRows} rows in the DOM; per frame: script ${scroll.perFrameMs.script} ms, ` +
          `style ${scroll.perFrameMs.style} ms, layout ${scroll.perFrameMs.layout} ms`,
      );
    }

    let liveFigures = null;
    if (PARTS.has('live')) {
      log(`live updates: ${LIVE_UPDATES} PATCHes, time until the row is painted`);
      liveFigures = await liveLatency(page, base, apiKey);
      log(
        `update to screen p50 ${liveFigures.updateToScreen.p50Ms} ms, p95 ${liveFigures.updateToScreen.p95Ms} ms ` +
          `(API response alone p95 ${liveFigures.apiResponse.p95Ms} ms; ${liveFigures.timeouts} never shown); ` +
          `p50/p95 PATCH sent → row refetch starts ${liveFigures.path.untilRefetch.p50Ms}/${liveFigures.path.untilRefetch.p95Ms} ms, ` +
          `refetch ${liveFigures.path.refetch.p50Ms}/${liveFigures.path.refetch.p95Ms} ms, ` +
          `refetch → painted ${liveFigures.path.refetchToPaint.p50Ms}/${liveFigures.path.refetchToPaint.p95Ms} ms`,
      );
    }
    if (errors.length) log(`browser errors: ${errors.join(' | ')}`);

    const report = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg() },
      contacts: CONTACTS,
      lighthouse,
      lighthouseTarget: LIGHTHOUSE_TARGET,
      scroll,
      scrollStepPx: SCROLL_STEP,
      live: liveFigures,
      liveTargetP95Ms: LIVE_TARGET_P95_MS,
      browserErrors: errors,
    };
    // A run of some parts only must not stand in for the full report the combined report reads.
    const file = path.join(dir, PARTS.size === 3 ? 'contacts-ui.json' : 'contacts-ui.partial.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`written to ${path.relative(ROOT, file)}`);
  } finally {
    for (const close of closers) await Promise.resolve(close()).catch(() => undefined);
    for (const service of services.reverse()) await service.release().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
