// Benchmark: time from an input event to the estimator's updated result, in
// headless Chromium, beside a baseline handler that only echoes the input
// into the page, measured in the same page and run, with the ratio. Two
// estimators: the demo campaign typing one balance, and five programs with
// the cheapest-mix search at its worst case. One event per animation frame,
// as typing comes: the estimator answers the first input of a frame at once
// (more in the same frame are folded into the next), so the time measured is
// the whole estimate. The goal: within one frame (16.7 ms) at the 99th
// percentile.
//
//   node build-scripts/lib/bench-estimator.mjs [--runs 300]
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { launchChromium, newJapanContext } from './browser.mjs';
import { startServer } from './static-server.mjs';
import { copySite, repoRoot } from './test-support.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 300;

// The search's worst case. Its cost no longer depends on the target: it
// looks at windows of amounts fixed by the programs' steps, minimums and
// menus (cheapest.cpp), and stops at max_search_cells (100,000) cells,
// answering "too large" past it. The cells grow with the least common
// multiples of the steps, so five programs with coprime steps of 41, 43,
// 47, 53 and 59 points (1 pt -> ¥1, each at a different point value) and
// large balances make it look at ~91,000 cells for these targets (measured
// natively with SearchOutcome::cells), the most of the five-program cases
// we tried under the budget; no input can make it look at more than
// 100,000. Five programs of the issue's example shapes (100 pt -> ¥500 in
// steps of 100, 1 pt -> ¥1 from 50, any amount, a yen menu, mile blocks)
// with 100,000-point balances needed at most ~54,000 for the targets tried.
const WORST_STEPS = [41, 43, 47, 53, 59];
function fiveProgramCampaign(demo) {
  const rate = (step, i) => ({
    id: `s${step}`, name: { ja: `${step}ポイント単位`, en: `${step}-point steps` },
    points: 1, amount: 1, step, min: step, point_value: { points: 1, amount: i + 1 },
  });
  return {
    ...demo,
    id: 'bench-five',
    feed: { url: '../animal-center/feed.json', poll_seconds: 300 },
    point_programs: WORST_STEPS.map(rate),
  };
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// In the page: set the field's text, fire the input event, and read the time
// once the element's text shows the new answer (the first input of a frame
// is answered synchronously, so the check right after dispatch sees the
// update or there was none). Each event waits for a fresh frame.
async function measure({ runs, estimator, field, texts, resultSelector }) {
  const times = { estimator: [], echo: [] };
  const echoIn = document.getElementById('echo-in');
  const echoOut = document.getElementById('echo-out');
  const root = document.getElementById(estimator).shadowRoot;
  const input = root.getElementById(field);
  const result = root.querySelector(resultSelector);
  const frame = () => new Promise((resolve) => { requestAnimationFrame(() => resolve()); });
  let unchanged = 0;
  for (let i = 0; i < runs; i += 1) {
    const text = texts[i % texts.length];
    for (const which of i % 2 ? ['estimator', 'echo'] : ['echo', 'estimator']) {
      await frame();
      if (which === 'echo') {
        echoIn.value = text;
        const t0 = performance.now();
        echoIn.dispatchEvent(new Event('input', { bubbles: true }));
        if (echoOut.textContent !== text) unchanged += 1;
        times.echo.push(performance.now() - t0);
      } else {
        const before = result.textContent;
        input.value = text;
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        const after = result.textContent;
        times.estimator.push(performance.now() - t0);
        if (after === before) unchanged += 1;
      }
    }
  }
  return { times, unchanged };
}

export async function benchEstimator({ runs = RUNS } = {}) {
  const site = await copySite();
  const demoPath = path.join(site.dir, 'campaigns', 'animal-center', 'campaign.json');
  const demo = JSON.parse(await fs.readFile(demoPath, 'utf8'));
  await fs.mkdir(path.join(site.dir, 'campaigns', 'bench-five'), { recursive: true });
  await fs.writeFile(path.join(site.dir, 'campaigns', 'bench-five', 'campaign.json'),
    JSON.stringify(fiveProgramCampaign(demo)));
  await fs.cp(path.join(repoRoot, 'build-scripts', 'bench-pages'), path.join(site.dir, 'bench'), { recursive: true });
  const server = await startServer({ root: site.dir, port: 0 });
  const browser = await launchChromium();
  try {
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}bench/estimator.html`);
    await page.locator('#one #in-p-card-points').waitFor();
    await page.locator(`#five #in-p-s${WORST_STEPS.at(-1)}`).waitFor();
    // Balances for the five-program case, then the target is what is typed.
    for (const step of WORST_STEPS) await page.locator(`#five #in-p-s${step}`).fill('100000000');
    const cases = [
      { name: 'one program (demo, a balance)', estimator: 'one', field: 'in-p-card-points',
        texts: ['3000', '3100', '３２００', '1.5万'], resultSelector: '.total' },
      { name: 'five programs, worst-case search', estimator: 'five', field: 'in-target',
        texts: ['12345678', '12345677', '12345676', '12345675'], resultSelector: '.mix' },
    ];
    console.log(`\n== Estimator: input event -> updated result, headless Chromium, ${runs} events each`);
    for (const c of cases) {
      await page.evaluate(measure, { ...c, runs: 20 }); // warm-up: JIT tiers, wasm tiering
      const { times, unchanged } = await page.evaluate(measure, { ...c, runs });
      const fmt = (ms) => `${ms.toFixed(3).padStart(8)} ms`;
      const e50 = percentile(times.estimator, 50);
      const e99 = percentile(times.estimator, 99);
      const b50 = percentile(times.echo, 50);
      const b99 = percentile(times.echo, 99);
      console.log(`  ${c.name}`);
      console.log(`    <kifu-estimator>   p50 ${fmt(e50)}   p99 ${fmt(e99)}   max ${fmt(Math.max(...times.estimator))}`);
      console.log(`    echo baseline      p50 ${fmt(b50)}   p99 ${fmt(b99)}`);
      console.log(`    ratio p50 ${(e50 / Math.max(b50, 0.001)).toFixed(0)}x, p99 ${(e99 / Math.max(b99, 0.001)).toFixed(0)}x;` +
        ` p99 ${e99 <= 1000 / 60 ? 'within' : 'OVER'} one frame (16.7 ms)${unchanged ? `; ${unchanged} events showed no change (check the case)` : ''}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    await site.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEstimator();
