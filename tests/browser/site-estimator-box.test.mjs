// The campaign page keeps the estimator's final box from the first paint
// (web/styles/pages.css: a height per width band from the number of fields
// the generator writes), so that its data arriving moves nothing below it.
// That must hold for any campaign a site adds, not only the demo ones: here
// the real campaign page loads campaigns of 0 to 8 points programs, made of
// every program shape the demo campaigns have, in both languages, at the
// narrow end of each width band, and the loaded card must fit in the box.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite, repoRoot } from '../../build-scripts/lib/test-support.mjs';

// The narrow end of each band of pages.css (the default from 35rem, then
// max-width 34.99rem, 29.99rem and 22.49rem): where its fields wrap most.
const WIDTHS = [560, 480, 360, 320];

let site;
let server;
let browser;
let fixtures; // [{ url, programs }], in an order where neighbours differ in count

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0 });
  browser = await launchChromium();
  const read = async (id) => JSON.parse(await fs.readFile(path.join(repoRoot, 'web', 'campaigns', id, 'campaign.json'), 'utf8'));
  const base = await read('animal-center');
  const shapes = [...base.point_programs, ...(await read('city-library')).point_programs];
  assert.ok(shapes.length >= 5, 'the demo campaigns hold several program shapes');
  const take = (n, from = 0) => Array.from({ length: n }, (_, i) => ({ ...shapes[(from + i) % shapes.length], id: `program-${i}` }));
  // Each shape alone, between campaigns of other sizes (so each load is
  // told from the one before by its number of fields).
  const sets = [];
  const others = [take(0), take(2, 3), take(4), take(8), take(3, 2)];
  shapes.forEach((_, i) => sets.push(take(1, i), others[i]));
  // Next to the demo campaign's own definition, so its feed is the same file.
  const dir = path.join(site.dir, 'campaigns', 'animal-center');
  fixtures = [];
  for (const [i, programs] of sets.entries()) {
    await fs.writeFile(path.join(dir, `box-${i}.json`), JSON.stringify({ ...base, point_programs: programs }));
    fixtures.push({ url: `/campaigns/animal-center/box-${i}.json`, programs: programs.length });
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

for (const [lang, pagePath] of [['ja', 'campaigns/animal-center/'], ['en', 'en/campaigns/animal-center/']]) {
  test(`${lang}: a campaign of 0 to 8 programs of any shape fits the box kept for the estimator at every width`, async () => {
    const context = await newJapanContext(browser, { viewport: { width: WIDTHS[0], height: 900 } });
    const page = await context.newPage();
    const console = watchConsole(page);
    await page.goto(new URL(pagePath, server.url).href);
    // The site defines the estimator when it comes near the screen.
    await page.evaluate(() => document.querySelector('kifu-estimator').scrollIntoView());
    await page.waitForFunction(() => document.querySelector('kifu-estimator')?.shadowRoot?.querySelector('input'), null, { timeout: 15_000 });
    const misfits = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const fixture of fixtures) {
        // What the generator writes for such a campaign, then the campaign.
        await page.evaluate(({ url, programs }) => {
          const el = document.querySelector('kifu-estimator');
          el.style.setProperty('--estimator-fields', String(programs + 1));
          el.setAttribute('campaign', url);
        }, fixture);
        // Loaded: one input per field, and the status line ("loading…") empty.
        await page.waitForFunction((n) => {
          const root = document.querySelector('kifu-estimator').shadowRoot;
          return root.querySelectorAll('input').length === n && root.querySelector('[part~="status"]').textContent === '';
        }, fixture.programs + 1, { timeout: 10_000 });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const { natural, kept } = await page.evaluate(() => {
          const el = document.querySelector('kifu-estimator');
          const keptPx = parseFloat(getComputedStyle(el).minHeight);
          // The card's own height: the same element with no box kept.
          el.style.minHeight = '0px';
          const naturalPx = el.getBoundingClientRect().height;
          el.style.minHeight = '';
          return { natural: naturalPx, kept: keptPx };
        });
        assert.ok(natural > 100, `${width}px, ${fixture.url}: the card is drawn (${natural}px)`);
        if (natural > kept + 0.5) misfits.push(`${width}px, ${fixture.programs} program(s) (${fixture.url}): card ${natural.toFixed(1)}px > box ${kept.toFixed(1)}px`);
      }
    }
    assert.deepEqual(misfits, []);
    assert.deepEqual(console.problems, []);
    await context.close();
  });
}
