// Kifu's benchmarks. Every figure is printed beside a baseline measured in
// the same run, with the ratio; nothing here is a pass/fail test (these
// machines are shared and noisy).
//
//   node build-scripts/lib/bench.mjs [--runs 15]
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchChromium, newJapanContext } from './browser.mjs';
import { startServer } from './static-server.mjs';
import { copySite, repoRoot } from './test-support.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const gzipSize = async (file) => gzipSync(await fs.readFile(file), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7) + ' KB';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function payload(site) {
  // Everything a page with one <kifu-progress> (bench-pages/widget.html)
  // downloads from Kifu: define.js reaches kifu-base.js, which holds the
  // glue, core.js, the element and the widgets, through widget-loader.js's
  // re-export (build-scripts/lib/bundle-modules.mjs).
  const files = ['kifu/kifu-core.wasm', 'kifu/kifu-base.js', 'kifu/widget-loader.js', 'kifu/define.js'];
  let total = 0;
  console.log('\n== Payload (gzip -9)');
  for (const f of files) {
    const size = await gzipSize(path.join(site, f));
    total += size;
    console.log(`  ${f.padEnd(24)} ${kb(size)}`);
  }
  const chart = path.join(repoRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
  const { version } = JSON.parse(await fs.readFile(
    path.join(repoRoot, 'node_modules', 'chart.js', 'package.json'), 'utf8'));
  const chartSize = await gzipSize(chart);
  console.log(`  ${'kifu widget, total'.padEnd(24)} ${kb(total)}`);
  console.log(`  ${('Chart.js ' + version).padEnd(24)} ${kb(chartSize)}  (dist/chart.umd.min.js)`);
  console.log(`  ratio kifu / Chart.js:   ${(total / chartSize).toFixed(2)}  (goal <= 0.90)`);
}

async function liveNumber(site) {
  // Both pages show the demo feed's total as "182,600,000円" style text; the
  // time is read inside the page (performance.now() counts from navigation)
  // on the first animation frame where the number is there.
  const feed = JSON.parse(await fs.readFile(
    path.join(site, 'campaigns', 'animal-center', 'feed.json'), 'utf8'));
  const expected = new Intl.NumberFormat('ja-JP').format(feed.raised) + '円';
  await fs.cp(path.join(repoRoot, 'build-scripts', 'bench-pages'), path.join(site, 'bench'),
    { recursive: true });
  const server = await startServer({ root: site, port: 0 });
  const browser = await launchChromium();
  const pages = {
    widget: {
      url: `${server.url}bench/widget.html`,
      probe: (want) => {
        const el = document.querySelector('kifu-progress')?.shadowRoot?.querySelector('[part~="amount"]');
        return el && el.textContent.includes(want) ? performance.now() : false;
      },
    },
    baseline: {
      url: `${server.url}bench/baseline.html`,
      probe: (want) => {
        const el = document.getElementById('total');
        return el && el.textContent === want ? performance.now() : false;
      },
    },
  };
  const times = { widget: [], baseline: [] };
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      // Alternate the order so neither page always runs on a warmer machine;
      // a fresh context each time means a cold cache, as for a first visit.
      for (const name of i % 2 ? ['widget', 'baseline'] : ['baseline', 'widget']) {
        const context = await newJapanContext(browser);
        const page = await context.newPage();
        await page.goto(pages[name].url);
        const handle = await page.waitForFunction(pages[name].probe, expected,
          { polling: 'raf', timeout: 20000 });
        if (i > 0) times[name].push(await handle.jsonValue()); // run 0 warms Chromium up
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const w = median(times.widget);
  const b = median(times.baseline);
  console.log(`\n== Navigation to live number, headless Chromium, median of ${RUNS} cold loads`);
  console.log(`  <kifu-progress> (wasm)      ${w.toFixed(1).padStart(7)} ms`);
  console.log(`  baseline (fetch + div)      ${b.toFixed(1).padStart(7)} ms`);
  console.log(`  ratio widget / baseline:    ${(w / b).toFixed(2)}  (goal <= 1.50)`);
}

const site = await copySite();
try {
  await payload(site.dir);
  await liveNumber(site.dir);
} finally {
  await site.remove();
}
