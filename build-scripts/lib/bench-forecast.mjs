// The forecast benchmark: 10,000 paths x 365 days of the Monte Carlo kernel,
// natively (build/native's kifu_bench_forecast), as wasm in Node and in
// headless Chromium, and as plain JavaScript written for speed
// (forecast-kernel.mjs) in both, all in this run, with ratios. Every
// implementation must return the same checksum, or the figures are void.
// Then the widget's worker in Chromium: time to the first partial result
// against the warm time of one chunk.
//
//   node build-scripts/lib/bench-forecast.mjs [--runs 7]
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium, newJapanContext } from './browser.mjs';
import { benchKernelJs } from './forecast-kernel.mjs';
import { startServer } from './static-server.mjs';
import { copySite, repoRoot } from './test-support.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const PATHS = 10_000;
const HORIZON = 365;
const SEED = 42;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Runs fn RUNS times after one warm-up; returns { ms: median, checksum }.
function time(fn) {
  let checksum = fn();
  const ms = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    checksum = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), checksum };
}

const site = await copySite();
const results = {};
try {
  const bin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu_bench_forecast');
  const native = spawnSync(bin, [PATHS, HORIZON, SEED, RUNS + 1].map(String), { encoding: 'utf8' });
  if (native.status !== 0) throw new Error(`kifu_bench_forecast failed: ${native.stderr}`);
  const parsed = JSON.parse(native.stdout);
  results.native = { ms: median(parsed.ms.slice(1)), checksum: parsed.checksum };

  const kifuDir = path.join(site.dir, 'kifu');
  const { default: create } = await import(pathToFileURL(path.join(kifuDir, 'kifu-forecast.mjs')).href);
  const module = await create({ wasmBinary: readFileSync(path.join(kifuDir, 'kifu-forecast.wasm')) });
  results.wasmNode = time(() => module.benchKernel(PATHS, HORIZON, SEED));
  results.jsNode = time(() => benchKernelJs(PATHS, HORIZON, SEED));

  // Chromium: the same module and the same JavaScript, loaded by a page of
  // the site (so under its CSP), timed inside the page.
  await fs.copyFile(path.join(repoRoot, 'build-scripts', 'lib', 'forecast-kernel.mjs'), path.join(kifuDir, 'bench-forecast-kernel.mjs'));
  await fs.writeFile(path.join(site.dir, 'bench-forecast.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="bench-forecast.js"></script>');
  await fs.writeFile(path.join(site.dir, 'bench-forecast.js'), `
import { benchKernelJs } from './kifu/bench-forecast-kernel.mjs';
import { loadForecastModule } from './kifu/forecast-runner.js';
const median = ${median.toString()};
function time(fn, runs) {
  let checksum = fn();
  const ms = [];
  for (let i = 0; i < runs; i += 1) { const t0 = performance.now(); checksum = fn(); ms.push(performance.now() - t0); }
  return { ms: median(ms), checksum };
}
window.runBench = async (paths, horizon, seed, runs) => {
  const module = await loadForecastModule();
  return {
    wasm: time(() => module.benchKernel(paths, horizon, seed), runs),
    js: time(() => benchKernelJs(paths, horizon, seed), runs),
  };
};
// One worker, the same request twice: the first run's first view is the
// cold start (module download, compile, baseline tier); the second run's
// first view is one chunk, warm.
window.firstPartial = (request) => new Promise((resolve) => {
  const worker = new Worker('kifu/forecast-worker.js', { type: 'module' });
  const firsts = [];
  let t0 = performance.now();
  let views = 0;
  worker.onmessage = ({ data }) => {
    if (data.id === firsts.length + 1) { firsts.push({ at: performance.now() - t0, done: data.view.pathsDone }); }
    views += 1;
    if (!data.view.finished) return;
    if (data.id === 1) { t0 = performance.now(); worker.postMessage({ type: 'run', id: 2, request }); return; }
    worker.terminate();
    resolve({ cold: firsts[0], warm: firsts[1], views });
  };
  worker.postMessage({ type: 'run', id: 1, request });
});
window.benchReady = true;
`);
  const server = await startServer({ root: site.dir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await (await newJapanContext(browser)).newPage();
    await page.goto(`${server.url}bench-forecast.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const chromium = await page.evaluate(([p, h, s, r]) => window.runBench(p, h, s, r), [PATHS, HORIZON, SEED, RUNS]);
    results.wasmChromium = chromium.wasm;
    results.jsChromium = chromium.js;

    // First partial result in a fresh worker (cold module), against the warm
    // time of one chunk: the same request again, chunk by chunk.
    const dir = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
    const request = {
      campaignJson: readFileSync(path.join(dir, 'campaign.json'), 'utf8'),
      feedJson: readFileSync(path.join(dir, 'feed.json'), 'utf8'),
      historyJson: readFileSync(path.join(dir, 'history.json'), 'utf8'),
      lang: 'ja', seed: 1, paths: 2000, nowUnixMs: Date.parse('2026-11-27T10:03:00+09:00'),
    };
    const { cold, warm, views } = await page.evaluate((r) => window.firstPartial(r), request);
    results.partial = { first: cold.at, chunkWarm: warm.at, firstPaths: cold.done, views: views / 2 };
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await site.remove();
}

const line = (name, r) => console.log(`  ${name.padEnd(30)} ${r.ms.toFixed(1).padStart(8)} ms   checksum ${r.checksum}`);
console.log(`\n== Forecast kernel: ${PATHS.toLocaleString('en')} paths x ${HORIZON} days, median of ${RUNS} warm runs`);
line('native (g++ -O2)', results.native);
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
const p = results.partial;
console.log(`\n== <kifu-forecast>'s worker in Chromium: demo campaign, 2,000 paths`);
console.log(`  first partial result (cold worker)   ${p.first.toFixed(1).padStart(8)} ms  (${p.firstPaths} paths; ${p.views} views in all)`);
console.log(`  one chunk, warm                      ${p.chunkWarm.toFixed(1).padStart(8)} ms`);
console.log(`  ratio first partial / warm chunk:    ${(p.first / p.chunkWarm).toFixed(2)}  (goal <= 2.5)`);
