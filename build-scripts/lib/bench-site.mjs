// The site benchmark: the generated home and campaign pages beside a
// plain-JavaScript page (fetch the feed, write the number) and a page with
// the number written in its HTML, all measured in the same run: bytes
// transferred (gzip -9, everything a cold load fetches), time from
// navigation to the first painted total and to the live total, and
// cumulative layout shift. Prints ratios; not a test.
//
//   node build-scripts/lib/bench-site.mjs [--runs 5]
//
// The first-total probe is the same for every page (bench-embed.mjs's way:
// polled every animation frame, so it is the frame that paints the number).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { kb, median, ms, runsArg } from './bench-browser.mjs';
import { launchChromium, newJapanContext } from './browser.mjs';
import { startServer } from './static-server.mjs';
import { copySite, repoRoot } from './test-support.mjs';

const RUNS = runsArg(process.argv, 5);

// The first total on the page, in the light DOM or a (declarative) shadow root.
function probeFirst(want) {
  const total = document.getElementById('total');
  if (total) return total.textContent === want ? performance.now() : false;
  const amount = document.querySelector('kifu-progress')?.shadowRoot?.querySelector('[part~="amount"]');
  return amount?.textContent === want ? performance.now() : false;
}
// Every widget shows the live total (the "updated" line, not the saved view's note).
function probeLive(want) {
  const total = document.getElementById('total');
  if (total) return total.textContent === want ? performance.now() : false;
  const widgets = [...document.querySelectorAll('kifu-progress')];
  const live = widgets.every((w) => w.shadowRoot?.querySelector('[part~="stale"]')?.hidden && w.shadowRoot.querySelector('[part~="updated"]').textContent !== '');
  return widgets.length > 0 && live ? performance.now() : false;
}

async function measure(browser, url, want, { bytes = false } = {}) {
  const context = await newJapanContext(browser);
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const transferred = [];
  if (bytes) {
    page.on('response', async (response) => {
      try {
        transferred.push(gzipSync(await response.body(), { level: 9 }).length);
      } catch {
        // A redirect or 304 has no body.
      }
    });
  }
  // From the commit on, not the load event: a total painted before the
  // page's scripts have loaded counts as painted.
  await page.goto(url, { waitUntil: 'commit' });
  const first = await (await page.waitForFunction(probeFirst, want, { polling: 'raf', timeout: 20_000 })).jsonValue();
  const live = await (await page.waitForFunction(probeLive, want, { polling: 'raf', timeout: 20_000 })).jsonValue();
  await page.waitForTimeout(bytes ? 1500 : 300); // late shifts, and the forecast's own module
  const shift = await page.evaluate(() => window.__shift);
  await context.close();
  return { first, live, shift, bytes: transferred.reduce((a, b) => a + b, 0) };
}

const site = await copySite();
const server = await startServer({ root: site.dir, port: 0 });
const browser = await launchChromium();
try {
  const bench = path.join(site.dir, 'bench');
  await fs.cp(path.join(repoRoot, 'build-scripts', 'bench-pages'), bench, { recursive: true });
  const feed = JSON.parse(await fs.readFile(path.join(site.dir, 'campaigns', 'animal-center', 'feed.json'), 'utf8'));
  const want = `${new Intl.NumberFormat('ja-JP').format(feed.raised)}円`;
  // The number written in the page's HTML: the fastest a total can appear.
  await fs.writeFile(path.join(bench, 'static.html'), `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bench: static</title><link rel="icon" href="data:,"></head><body><div id="total">${want}</div></body></html>\n`);

  const cases = {
    'number in the HTML': `${server.url}bench/static.html`,
    'plain JavaScript (fetch + div)': `${server.url}bench/baseline.html`,
    'home /': server.url,
    'campaign /campaigns/animal-center/': `${server.url}campaigns/animal-center/`,
  };
  console.log('\n== Site pages: one cold load each, everything transferred, gzip -9');
  for (const [name, url] of Object.entries(cases)) {
    const r = await measure(browser, url, want, { bytes: true });
    console.log(`  ${name.padEnd(38)} ${kb(r.bytes)}`);
  }

  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, { first: [], live: [], shift: [] }]));
  for (let round = 0; round <= RUNS; round += 1) {
    const names = Object.keys(cases);
    if (round % 2) names.reverse(); // no page always runs on a warmer machine
    for (const name of names) {
      const r = await measure(browser, cases[name], want);
      if (round > 0) {
        times[name].first.push(r.first);
        times[name].live.push(r.live);
        times[name].shift.push(r.shift);
      }
    }
  }
  const staticFirst = median(times['number in the HTML'].first);
  const baseLive = median(times['plain JavaScript (fetch + div)'].live);
  console.log(`\n== Navigation to total, headless Chromium, median of ${RUNS} loads (fresh context each)`);
  console.log(`  ${'page'.padEnd(38)} ${'first total'.padStart(11)} ${'÷ HTML'.padStart(7)} ${'live total'.padStart(11)} ${'÷ JS'.padStart(6)} ${'CLS (max)'.padStart(10)}`);
  for (const [name, t] of Object.entries(times)) {
    const first = median(t.first);
    const live = median(t.live);
    console.log(`  ${name.padEnd(38)} ${ms(first).padStart(11)} ${(first / staticFirst).toFixed(2).padStart(7)} ${ms(live).padStart(11)} ${(live / baseLive).toFixed(2).padStart(6)} ${Math.max(...t.shift).toFixed(4).padStart(10)}`);
  }
  console.log('  (first total ÷ the page with the number in its HTML: goal <= 1.10; live total ÷ the plain-JavaScript page; CLS goal 0)');
} finally {
  await browser.close();
  await server.close();
  await site.remove();
}
