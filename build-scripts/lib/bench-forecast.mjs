// The forecast benchmark: 10,000 paths x 365 days of the Monte Carlo kernel,
// natively (build/native's kifu_bench_forecast), as wasm in Node and in
// headless Chromium, and as plain JavaScript written for speed
// (forecast-kernel.mjs) in both, all in this run, with ratios. Every
// implementation must return the same checksum, or the figures are void.
// Then <kifu-forecast> in Chromium, on an editor's page (the embed.js
// snippet, a progress bar and the forecast) and on the site's campaign page
// scrolled to the forecast: the time
// from its simulation request (the moment it posts the fetched documents to
// its worker) to the first partial result, in a fresh browser, against the
// warm time of the same first chunk (the same element asked again with
// another seed); and, as the baseline of the first design, a worker started
// only at the request.
//
//   node build-scripts/lib/bench-forecast.mjs [--runs 7] [--only kernel|partial]
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium, newJapanContext } from './browser.mjs';
import { benchKernelJs } from './forecast-kernel.mjs';
import { startServer } from './static-server.mjs';
import { copySite, repoRoot } from './test-support.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
// The kernel's runs are a few milliseconds each, and this shared machine has
// phases in which the same code runs about 1.8x slower (natively, within one
// process: 2.9 ms runs, then 5.3 ms ones): a median compared whichever phase
// each side fell in (wasm/native swung from 0.66 to 1.32 between runs of the
// same code). Each side is judged by its fastest of 51 runs, its cost when
// nothing else ran; the medians are shown beside them.
const KERNEL_RUNS = runsArg > 0 ? RUNS : 51;
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const PATHS = 10_000;
const HORIZON = 365;
const SEED = 42;
// How long after the page's total went live the settled site visitor scrolls.
const SETTLE_MS = 2000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Times each of `fns` (name -> function returning its checksum) `runs`
// times, side by side: each round runs every function once, the order
// alternating, so a burst of load on this shared machine falls on all of
// them alike. Rounds first run for at least `warmUpMs` (and 5 rounds)
// untimed: V8 optimises the plain JavaScript only after several calls and
// tiers wasm up too; with one warm-up call, 7 timed runs caught the
// JavaScript in Chromium at about 5x its settled time. Returns
// name -> { ms: fastest, median, checksum }. Passed to the Chromium page as source.
function timeSideBySide(fns, runs, warmUpMs) {
  const names = Object.keys(fns);
  const checksums = {};
  const ms = Object.fromEntries(names.map((name) => [name, []]));
  const round = (order, keep) => {
    for (const name of order) {
      const t0 = performance.now();
      checksums[name] = fns[name]();
      if (keep) ms[name].push(performance.now() - t0);
    }
  };
  const start = performance.now();
  for (let i = 0; i < 5 || performance.now() - start < warmUpMs; i += 1) round(names, false);
  for (let i = 0; i < runs; i += 1) round(i % 2 ? [...names].reverse() : names, true);
  return Object.fromEntries(names.map((name) => [name, { ms: Math.min(...ms[name]), median: median(ms[name]), checksum: checksums[name] }]));
}
const WARM_UP_MS = 1000;

const site = await copySite();
const results = {};
try {
  if (ONLY !== 'partial') {
  const bin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu_bench_forecast');
  const native = spawnSync(bin, [PATHS, HORIZON, SEED, KERNEL_RUNS + 1].map(String), { encoding: 'utf8' });
  if (native.status !== 0) throw new Error(`kifu_bench_forecast failed: ${native.stderr}`);
  const parsed = JSON.parse(native.stdout);
  results.native = { ms: Math.min(...parsed.ms.slice(1)), median: median(parsed.ms.slice(1)), checksum: parsed.checksum };

  const kifuDir = path.join(site.dir, 'kifu');
  const { default: create } = await import(pathToFileURL(path.join(kifuDir, 'kifu-forecast.mjs')).href);
  const module = await create({ wasmBinary: readFileSync(path.join(kifuDir, 'kifu-forecast.wasm')) });
  const node = timeSideBySide({
    wasm: () => module.benchKernel(PATHS, HORIZON, SEED),
    js: () => benchKernelJs(PATHS, HORIZON, SEED),
  }, KERNEL_RUNS, WARM_UP_MS);
  results.wasmNode = node.wasm;
  results.jsNode = node.js;

  // Chromium: the same module and the same JavaScript, loaded by a page of
  // the site (so under its CSP), timed inside the page.
  await fs.copyFile(path.join(repoRoot, 'build-scripts', 'lib', 'forecast-kernel.mjs'), path.join(kifuDir, 'bench-forecast-kernel.mjs'));
  await fs.writeFile(path.join(site.dir, 'bench-forecast.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="bench-forecast.js"></script>');
  await fs.writeFile(path.join(site.dir, 'bench-forecast.js'), `
import { benchKernelJs } from './kifu/bench-forecast-kernel.mjs';
import { loadForecastModule } from './kifu/forecast-runner.js';
const median = ${median.toString()};
const timeSideBySide = ${timeSideBySide.toString()};
window.runBench = async (paths, horizon, seed, runs) => {
  const module = await loadForecastModule();
  return timeSideBySide({
    wasm: () => module.benchKernel(paths, horizon, seed),
    js: () => benchKernelJs(paths, horizon, seed),
  }, runs, ${WARM_UP_MS});
};
window.benchReady = true;
`);
  const server = await startServer({ root: site.dir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await (await newJapanContext(browser)).newPage();
    await page.goto(`${server.url}bench-forecast.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const chromium = await page.evaluate(([p, h, s, r]) => window.runBench(p, h, s, r), [PATHS, HORIZON, SEED, KERNEL_RUNS]);
    results.wasmChromium = chromium.wasm;
    results.jsChromium = chromium.js;

  } finally {
    await browser.close();
    await server.close();
  }
  }
  if (ONLY !== 'kernel') {

  // The first partial result, each trial in a fresh browser (so no compiled
  // code is left over from the kernel's page or an earlier trial), on an
  // editor's page (the snippet starts the forecast at once; the ratio judged)
  // and on the site's real campaign page (build/site/campaigns/animal-center/,
  // with every other widget of that page loading beside it, where the
  // forecast is defined when scrolled near), both served with the site's
  // CSP, as a visitor gets them. An init script (not subject to the
  // CSP) wraps Worker to note when the page posts each 'run' (the clock
  // starts there: the element has fetched the definition, feed and history
  // and asks for the simulation), when the worker said it was ready, and
  // when each run's first and last views arrive back on the page. Then the
  // same element is asked again with other seeds, everything warm: the
  // first view of such a run is the warm time of the same first chunk
  // (the same 100 paths, the same documents, the same messages).
  const timing = () => {
    const runs = [];
    window.benchRuns = runs;
    window.benchWorkerStarts = [];
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        const started = performance.now();
        window.benchWorkerStarts.push(started);
        this.addEventListener('message', ({ data }) => {
          if (data.type === 'ready') this.readyAt = performance.now();
          if (data.type === 'warmed' && this.warmedSlices === undefined) {
            this.warmedSlices = data.slices;
            this.warmedAt = performance.now();
          }
          const run = runs.find((r) => r.worker === this && r.id === data.id);
          if (!run || data.type !== 'view') return;
          if (run.first === undefined) { run.first = performance.now(); run.firstPaths = data.view.pathsDone; }
          if (data.view.finished) { run.done = performance.now(); run.paths = data.view.pathsDone; }
        });
        this.startedAt = started;
      }
      postMessage(message, ...rest) {
        if (message?.type === 'run') runs.push({ worker: this, id: message.id, at: performance.now() });
        super.postMessage(message, ...rest);
      }
    };
  };
  // The previous design's baseline: a worker started, and left to fetch and
  // compile its module, only when the request is ready (a page of its own).
  await fs.writeFile(path.join(site.dir, 'bench-partial.html'),
    '<!doctype html><meta charset="utf-8"><body><script type="module" src="bench-partial.js"></script>');
  await fs.writeFile(path.join(site.dir, 'bench-partial.js'), `
window.workerAtRequest = (request) => new Promise((resolve) => {
  const worker = new Worker('kifu/forecast-runner.js', { type: 'module' });
  worker.postMessage({ type: 'prepare', warmUpRounds: 0 });
  worker.postMessage({ type: 'run', id: 1, request });
  const timer = setInterval(() => {
    const run = window.benchRuns[0];
    if (run.done === undefined) return;
    clearInterval(timer);
    worker.terminate();
    resolve({ first: run.first - run.at, done: run.done - run.at, paths: run.paths });
  }, 5);
});
window.benchReady = true;
`);
  const dir = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
  const request = {
    campaignJson: readFileSync(path.join(dir, 'campaign.json'), 'utf8'),
    feedJson: readFileSync(path.join(dir, 'feed.json'), 'utf8'),
    historyJson: readFileSync(path.join(dir, 'history.json'), 'utf8'),
    lang: 'ja', seed: 1, paths: 2000, nowUnixMs: Date.now(),
  };
  const partialServer = await startServer({ root: site.dir, port: 0 });
  const freshPage = async (url, fn) => {
    const browser = await launchChromium();
    try {
      const page = await (await newJapanContext(browser)).newPage();
      await page.addInitScript(timing);
      await page.goto(`${partialServer.url}${url}`);
      return await fn(page);
    } finally {
      await browser.close();
    }
  };
  // The page's one <kifu-forecast>, first as the page loads, then asked
  // again `warmRuns` times with other seeds.
  // The site defines the forecast only when it comes near the screen
  // (web/site/widgets.js), so the visitor scrolls to it first; an editor's
  // page (embed.js) starts it at once. On the site, two visitors: one who
  // reaches the forecast a moment after the page's total went live (2 s; the
  // site starts the forecast's worker once the page is idle after load), and
  // one who jumps to it the moment the page has loaded (a link to
  // #forecast): the worker then starts with the element, the worst case.
  const settled = async (page) => {
    await page.waitForFunction(() => [...document.querySelectorAll('kifu-progress, kifu-counter')]
      .every((el) => el.shadowRoot?.querySelector('[part~="stale"]')?.hidden), null, { timeout: 20_000 });
    await page.waitForTimeout(SETTLE_MS);
    return onPage(page);
  };
  const onPage = (page) => page.evaluate(async (warmRuns) => {
    document.querySelector('kifu-forecast').scrollIntoView();
    const runs = window.benchRuns;
    const finished = (n) => new Promise((resolve) => {
      const timer = setInterval(() => {
        if (runs.length >= n && runs[n - 1].done !== undefined) { clearInterval(timer); resolve(runs[n - 1]); }
      }, 2);
    });
    const summary = (r) => ({
      first: r.first - r.at, firstPaths: r.firstPaths, done: r.done - r.at, paths: r.paths,
      startToRequest: r.at - r.worker.startedAt,
      readyBeforeRequest: r.worker.readyAt !== undefined && r.worker.readyAt <= r.at,
      warmSlices: r.worker.warmedSlices ?? 0,
      warmBeforeRequest: r.worker.warmedAt !== undefined && r.worker.warmedAt <= r.at,
    });
    const cold = summary(await finished(1));
    const el = document.querySelector('kifu-forecast');
    const warm = [];
    for (let i = 0; i < warmRuns; i += 1) {
      el.setAttribute('seed', String(i + 2));
      warm.push(summary(await finished(i + 2)));
    }
    return { cold, warm, workers: window.benchWorkerStarts.length };
  }, 3);
  // An editor's page: the snippet, a progress bar and the forecast.
  await fs.writeFile(path.join(site.dir, 'bench-forecast-embed.html'), [
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">',
    '<script type="module" src="kifu/v1/embed.js"></script></head><body>',
    '<kifu-progress campaign="campaigns/animal-center/campaign.json" lang="ja"></kifu-progress>',
    '<kifu-forecast campaign="campaigns/animal-center/campaign.json" lang="ja" seed="1"></kifu-forecast>',
    '</body></html>'].join('\n'));
  try {
    // 15 fresh browsers a page, and twice as many for the editor's page,
    // whose ratio is the one judged: its median of 7 swung from 1.06 to 3.92
    // between runs of the same code (the worker's start races the page's own
    // loading on 2 cores), and its median of 15 still from 1.91 to 3.05.
    const TRIALS = Math.max(3, Math.min(RUNS, 15));
    const EDITOR_TRIALS_PER_ROUND = 2;
    const cold = [];
    const warm = [];
    const atRequest = [];
    const site = { cold: [], warm: [] };
    const siteSettled = { cold: [], warm: [] };
    for (let i = 0; i < TRIALS; i += 1) {
      for (let j = 0; j < EDITOR_TRIALS_PER_ROUND; j += 1) {
        const r = await freshPage('bench-forecast-embed.html', onPage);
        if (r.workers !== 1) throw new Error(`the editor's page started ${r.workers} workers`);
        cold.push(r.cold);
        warm.push(...r.warm);
      }
      const s = await freshPage('campaigns/animal-center/index.html', onPage);
      if (s.workers !== 1) throw new Error(`the campaign page started ${s.workers} workers`);
      site.cold.push(s.cold);
      site.warm.push(...s.warm);
      const later = await freshPage('campaigns/animal-center/index.html', settled);
      if (later.workers !== 1) throw new Error(`the campaign page started ${later.workers} workers`);
      siteSettled.cold.push(later.cold);
      siteSettled.warm.push(...later.warm);
      atRequest.push(await freshPage('bench-partial.html', async (page) => {
        await page.waitForFunction(() => window.benchReady === true);
        return page.evaluate((q) => window.workerAtRequest(q), request);
      }));
    }
    results.partial = { cold, warm, atRequest, site, siteSettled };
  } finally {
    await partialServer.close();
  }
  }
} finally {
  await site.remove();
}

if (ONLY !== 'partial') {
const line = (name, r) => console.log(`  ${name.padEnd(30)} ${r.ms.toFixed(2).padStart(8)} ms  (median ${r.median.toFixed(2).padStart(6)})   checksum ${r.checksum}`);
console.log(`\n== Forecast kernel: ${PATHS.toLocaleString('en')} paths x ${HORIZON} days, fastest of ${KERNEL_RUNS} warm runs`);
line('native (g++ -O3, Release)', results.native);
line('wasm in Node', results.wasmNode);
line('plain JavaScript in Node', results.jsNode);
line('wasm in Chromium', results.wasmChromium);
line('plain JavaScript in Chromium', results.jsChromium);
const sums = new Set(['native', 'wasmNode', 'jsNode', 'wasmChromium', 'jsChromium'].map((k) => results[k].checksum));
console.log(`  checksums ${sums.size === 1 ? 'all equal' : 'DIFFER: the figures are void'}`);
const bestJs = Math.min(results.jsChromium.ms, results.jsNode.ms);
console.log(`  ratio wasm (Node) / native:           ${(results.wasmNode.ms / results.native.ms).toFixed(2)}  (goal <= 1.3)`);
console.log(`  ratio wasm (Chromium) / native:       ${(results.wasmChromium.ms / results.native.ms).toFixed(2)}`);
console.log(`  ratio wasm / plain JS, Chromium:      ${(results.wasmChromium.ms / results.jsChromium.ms).toFixed(2)}  (goal <= 0.5)`);
console.log(`  ratio wasm (Chromium) / best plain JS: ${(results.wasmChromium.ms / bestJs).toFixed(2)}`);
}
if (ONLY !== 'kernel') {
const p = results.partial;
const med = (rs, key) => median(rs.map((r) => r[key]));
const sizes = (rs) => [...new Set(rs.map((r) => r.firstPaths))].join('/');
console.log(`\n== <kifu-forecast> on an editor's page (embed.js, a progress bar, the forecast) in Chromium: ${p.cold[0].paths.toLocaleString('en')} paths; medians of ${p.cold.length} fresh browsers`);
console.log('  Measured from the element posting its request (the fetched definition, feed and history) to its');
console.log('  worker, to the first partial view arriving back on the page (simulation, chart, text, both messages).');
console.log('  Starting the worker, compiling, instantiating and warming up the module run while the page loads');
console.log('  and the element fetches; whatever of it is not done when the request is posted is included.');
console.log(`  worker start to request                 ${med(p.cold, 'startToRequest').toFixed(1).padStart(8)} ms  (worker ready before the request in ${p.cold.filter((r) => r.readyBeforeRequest).length} of ${p.cold.length})`);
console.log(`  warm-up slices run before it gave way  ${p.cold.map((r) => r.warmSlices).join(', ').padStart(8)}      (a full warm-up: 3 rounds of 3, plus 1 for the campaign's own documents)`);
console.log(`  first partial result, fresh page        ${med(p.cold, 'first').toFixed(1).padStart(8)} ms  (first chunk ${sizes(p.cold)} paths; each: ${p.cold.map((r) => r.first.toFixed(0)).join(', ')})`);
console.log(`  one chunk, warm (same element again)    ${med(p.warm, 'first').toFixed(1).padStart(8)} ms  (first chunk ${sizes(p.warm)} paths, median of ${p.warm.length})`);
console.log(`  ratio first partial / warm chunk:       ${(med(p.cold, 'first') / med(p.warm, 'first')).toFixed(2)}  (goal <= 2.5)`);
const warmFirst = p.cold.filter((r) => r.warmBeforeRequest);
if (warmFirst.length > 0) {
  // A subset, to show where the time goes; the ratio above is the one that counts.
  console.log(`  of which the worker had finished warming up before the request: ${warmFirst.length} of ${p.cold.length}, first partial ${warmFirst.map((r) => r.first.toFixed(0)).join(', ')} ms (${(median(warmFirst.map((r) => r.first)) / med(p.warm, 'first')).toFixed(2)}x)`);
}
console.log(`  whole forecast, fresh page / warm       ${med(p.cold, 'done').toFixed(1).padStart(8)} / ${med(p.warm, 'done').toFixed(1)} ms`);
const siteLine = (what, r) => {
  console.log(`  on the site's campaign page, ${what}: first partial ${med(r.cold, 'first').toFixed(1)} ms / warm ${med(r.warm, 'first').toFixed(1)} ms = ${(med(r.cold, 'first') / med(r.warm, 'first')).toFixed(2)}`);
  console.log(`    worker start to request ${med(r.cold, 'startToRequest').toFixed(1)} ms; ready before it in ${r.cold.filter((x) => x.readyBeforeRequest).length} of ${r.cold.length}, warmed up in ${r.cold.filter((x) => x.warmBeforeRequest).length}; each ${r.cold.map((x) => x.first.toFixed(0)).join(', ')} ms`);
};
siteLine(`scrolled to the forecast ${SETTLE_MS / 1000} s after the total went live (goal <= 2.5)`, p.siteSettled);
siteLine('jumped to the forecast at load (the worst case: the worker starts with the element)', p.site);
console.log(`  baseline: worker started at the request ${med(p.atRequest, 'first').toFixed(1).padStart(7)} ms to the first view (includes its start, compile, baseline tier)`);
}
