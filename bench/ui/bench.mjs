#!/usr/bin/env node
// UI benchmark: initial JavaScript size (gzipped) and the time to render a dashboard of 500
// servers, measured in real Chromium (playwright-core) against the built app (ui/dist) served
// by the in-memory API mock (ui/e2e/mock-server.mjs). See README.md for the method.
//
//   (cd ui && npm ci && npm run build) && node bench/ui/bench.mjs
//
// Environment: BENCH_RUNS (default 9), BENCH_SERVERS (default 500), CHROMIUM (default
// /usr/bin/chromium), BENCH_CPU_SLOWDOWN (Chromium CPU throttling factor, default 1 = none).

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const uiDir = path.resolve(here, '..', '..', 'ui');
const dist = path.join(uiDir, 'dist');
const requireFromUi = createRequire(path.join(uiDir, 'package.json'));
const { chromium } = requireFromUi('playwright-core');
const { startMockServer } = await import(pathToFileURL(path.join(uiDir, 'e2e', 'mock-server.mjs')).href);
const { CHROMIUM_ARGS } = { CHROMIUM_ARGS: [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
] };

/**
 * Main-thread CPU time between the /api/servers response and the "bench:rows" mark, from a
 * Chromium trace: both events are recorded on the renderer main thread with a thread timestamp
 * (tts, µs of CPU time of that thread), so their difference is the CPU the main thread spent in
 * between. Unlike wall time it does not grow when the OS gives the CPU to other processes.
 */
function renderCpu(trace) {
  const events = trace.traceEvents ?? trace;
  const send = events.find((e) => e.name === 'ResourceSendRequest' && /\/api\/servers(\?|$)/.test(e.args?.data?.url ?? ''));
  const requestId = send?.args?.data?.requestId;
  const finish = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === requestId);
  const mark = events.find((e) => e.name === 'bench:rows');
  if (!finish || !mark || finish.tid !== mark.tid || finish.tts === undefined || mark.tts === undefined) return NaN;
  return (mark.tts - finish.tts) / 1000;
}

const RUNS = Number(process.env.BENCH_RUNS || 9);
const SERVERS = Number(process.env.BENCH_SERVERS || 500);
const CPU_SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN || 1);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

// ---- 1. sizes from the build output ---------------------------------------------------------

const indexHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
const referenced = [...indexHtml.matchAll(/<(?:script[^>]+src|link[^>]+href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const entryGzip = referenced.reduce((sum, file) => sum + gz(readFileSync(path.join(dist, file))), 0);
const allJs = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const allJsGzip = allJs.reduce((sum, f) => sum + gz(readFileSync(path.join(dist, 'assets', f))), 0);
const cssGzip = readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.css'))
  .reduce((sum, f) => sum + gz(readFileSync(path.join(dist, 'assets', f))), 0);

// ---- 2. a dashboard of N servers in Chromium ------------------------------------------------

const mock = await startMockServer({ port: 0, staticDir: dist, quiet: true, seedServers: SERVERS, pageSize: SERVERS });
const login = await fetch(`${mock.url}/api/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email: mock.adminEmail, password: mock.adminPassword }),
}).then((r) => r.json());

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const runs = [];
let dashboardJsGzip = 0;
try {
  for (let i = 0; i < RUNS + 1; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    // Signed in already (the session copy the app keeps in sessionStorage), and a watcher that
    // notes the moment the last of the N rows is in the DOM, and the frame after it.
    await context.addInitScript(
      ({ token, rows }) => {
        sessionStorage.setItem('berth.session', JSON.stringify({ token, expiresAt: Date.now() + 3600_000 }));
        const seen = () => document.querySelectorAll('tbody tr').length >= rows;
        const observer = new MutationObserver(() => {
          if (window.__rowsAt || !seen()) return;
          window.__rowsAt = performance.now();
          performance.mark('bench:rows');
          observer.disconnect();
          // The frame that shows them: next animation frame, then a task after its paint.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => (window.__paintedAt = performance.now());
            channel.port2.postMessage(0);
          });
        });
        document.addEventListener('DOMContentLoaded', () =>
          observer.observe(document.body, { childList: true, subtree: true }),
        );
      },
      { token: login.access_token, rows: SERVERS },
    );
    const page = await context.newPage();
    if (CPU_SLOWDOWN > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const scripts = new Map();
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname.endsWith('.js')) scripts.set(url.pathname, null);
    });
    const errors = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));

    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel'] });
    await page.goto(`${mock.url}/`);
    await page.waitForFunction(() => window.__paintedAt, null, { timeout: 30_000 });
    const cpu = renderCpu(JSON.parse((await browser.stopTracing()).toString('utf8')));
    const m = await page.evaluate(() => {
      const api = performance.getEntriesByType('resource').find((e) => /\/api\/servers(\?|$)/.test(e.name));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        apiStart: api.startTime,
        apiEnd: api.responseEnd,
        apiBytes: api.encodedBodySize,
        rowsAt: window.__rowsAt,
        paintedAt: window.__paintedAt,
        domContentLoaded: nav.domContentLoadedEventEnd,
      };
    });
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
    if (i === 0) {
      // Which scripts the dashboard needed: their gzipped size is the real "initial JS".
      dashboardJsGzip = [...scripts.keys()].reduce((sum, p) => sum + gz(readFileSync(path.join(dist, p))), 0);
      mkdirSync(path.join(here, 'out'), { recursive: true });
      await page.screenshot({ path: path.join(here, 'out', `dashboard-${SERVERS}.png`) });
    } else {
      // run 0 warms Chromium's and the OS's caches; it is not counted
      runs.push({
        render_ms: m.rowsAt - m.apiEnd,
        render_cpu_ms: cpu,
        render_to_paint_ms: m.paintedAt - m.apiEnd,
        navigation_to_rows_ms: m.rowsAt,
        api_ms: m.apiEnd - m.apiStart,
        api_kb: kb(m.apiBytes),
      });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await mock.close();
}

const result = {
  date: new Date().toISOString(),
  chromium: browser.version(),
  servers: SERVERS,
  runs: RUNS,
  cpu_slowdown: CPU_SLOWDOWN,
  size_kb_gzip: {
    index_html_scripts: kb(entryGzip),
    dashboard_route_js: kb(dashboardJsGzip),
    all_js: kb(allJsGzip),
    css: kb(cssGzip),
  },
  load_average: os.loadavg().map(round),
  cpus: os.cpus().length,
  median_ms: {
    render: round(median(runs.map((r) => r.render_ms))),
    render_cpu: round(median(runs.map((r) => r.render_cpu_ms))),
    render_to_paint: round(median(runs.map((r) => r.render_to_paint_ms))),
    navigation_to_rows: round(median(runs.map((r) => r.navigation_to_rows_ms))),
    api: round(median(runs.map((r) => r.api_ms))),
  },
  min_max_render_ms: [round(Math.min(...runs.map((r) => r.render_ms))), round(Math.max(...runs.map((r) => r.render_ms)))],
  min_max_render_cpu_ms: [round(Math.min(...runs.map((r) => r.render_cpu_ms))), round(Math.max(...runs.map((r) => r.render_cpu_ms)))],
  api_response_kb: runs[0]?.api_kb,
  each_run: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))),
};
mkdirSync(path.join(here, 'out'), { recursive: true });
writeFileSync(path.join(here, 'out', 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));

const ok = result.size_kb_gzip.dashboard_route_js <= 250 && result.median_ms.render <= 100;
console.log(
  `initial JS ${result.size_kb_gzip.dashboard_route_js} KB gzip (target ≤ 250), ` +
    `render of ${SERVERS} servers ${result.median_ms.render} ms median wall, ${result.median_ms.render_cpu} ms main-thread CPU ` +
    `(target ≤ 100; load average ${result.load_average[0]} on ${result.cpus} CPUs): ${ok ? 'OK' : 'OVER TARGET'}`,
);
process.exitCode = ok ? 0 : 1;
