// The iframe embed, the cached first paint, the goal event, and the builder
// page: what an editor pastes and what a visitor sees when things fail.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { amountOf, hostPage, startHostSite, waitForLiveWidgets } from '../../build-scripts/lib/embed-fixtures.mjs';
import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';
import { addCampaign } from '../../build-scripts/lib/widget-fixtures.mjs';

let site;
let server;
let kifu;
let browser;
// An editor's page that allows our frames and our host script, but neither
// WebAssembly nor inline script.
let strictHost;

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0 });
  kifu = server.url.slice(0, -1);
  strictHost = await startHostSite({}, { csp: `script-src 'self' ${kifu}; frame-src ${kifu}` });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await strictHost?.close();
  await server?.close();
  await site?.remove();
});

// A first visit until the widget is live (which saves its total), then a
// second page in the same browser whose module never arrives.
async function revisitWithoutModule(firstPage, secondPage = firstPage) {
  const context = await newJapanContext(browser);
  const first = await context.newPage();
  await first.goto(`${kifu}/${firstPage}`);
  await waitForLiveWidgets(first, 1);
  await first.close();
  const page = await context.newPage();
  const { warnings } = watchConsole(page);
  await page.route('**/kifu-core.wasm', (route) => route.abort());
  await page.goto(`${kifu}/${secondPage}`);
  return { context, page, warnings };
}

// What a widget shows once it has painted a total marked as not live (a
// saved one, while the module is missing).
function savedView(page, tag) {
  return page.waitForFunction((name) => {
    const root = document.querySelector(name)?.shadowRoot;
    const stale = root?.querySelector('[part~="stale"]');
    return root && !root.querySelector('.loading') && stale && !stale.hidden
      ? { amount: root.querySelector('[part~="amount"]').textContent, stale: stale.textContent, valuenow: root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? null }
      : false;
  }, tag, { timeout: 10_000 }).then((h) => h.jsonValue());
}

const DEMO = '/campaigns/animal-center/campaign.json';
const frameSrc = (query) => `${kifu}/kifu/v1/embed/?${new URLSearchParams(query)}`;

function frameAmount(frame) {
  return frame.waitForFunction(() => {
    const el = document.querySelector('kifu-progress, kifu-counter');
    const root = el?.shadowRoot;
    return root && !root.querySelector('.loading') ? root.querySelector('[part~="amount"]').textContent : false;
  }, null, { timeout: 20_000 }).then((h) => h.jsonValue());
}

describe('embedding', { concurrency: true }, () => {
  test('an iframe works on a page whose CSP forbids WebAssembly and inline script, and takes its content\'s height', async () => {
    const src = frameSrc({ widget: 'progress', campaign: `${kifu}${DEMO}`, lang: 'en', variant: 'ring', 'show-donors': '1' });
    strictHost.setPage('/frame', hostPage(
      `<iframe data-kifu-embed id="sized" title="Donation progress" width="100%" height="300" style="border:0" src="${src}"></iframe>\n` +
        `<iframe id="fixed" title="Donation progress, unsized" width="100%" height="300" style="border:0" src="${src}"></iframe>\n` +
        `<script src="${kifu}/kifu/v1/embed/host.js" defer></script>`,
      { lang: 'en' },
    ));
    const context = await newJapanContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.goto(`${strictHost.origin}/frame`);
    const frames = page.frames().filter((f) => f.url().includes('/kifu/v1/embed/'));
    assert.equal(frames.length, 2);
    for (const frame of frames) assert.equal(await frameAmount(frame), '¥182,600,000');
    // The ring sits above the text at this width: far taller than 300 px.
    const contentHeight = await frames[0].evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    assert.ok(contentHeight > 300, `content height ${contentHeight}`);
    await page.waitForFunction((h) => document.getElementById('sized').getBoundingClientRect().height === h, contentHeight, { timeout: 5000 });
    assert.equal(await page.$eval('#fixed', (f) => f.getBoundingClientRect().height), 300, 'without data-kifu-embed the snippet\'s height stays');
    // A message from anything but the frame's own window is ignored.
    await page.evaluate(() => window.postMessage({ type: 'kifu:height', height: 7 }, '*'));
    await page.waitForTimeout(100);
    assert.equal(await page.$eval('#sized', (f) => f.getBoundingClientRect().height), contentHeight);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the frame ignores query parameters that are not the widget\'s attributes', async () => {
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.goto(frameSrc({ widget: 'counter', campaign: DEMO, variant: 'donors', onclick: 'alert(1)', style: 'display:none', compact: '0' }));
    assert.equal(await frameAmount(page.mainFrame()), '12,345人');
    const attributes = await page.$eval('kifu-counter', (el) => el.getAttributeNames().sort());
    assert.deepEqual(attributes, ['campaign', 'lang', 'variant']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the next visit paints the saved total before the module loads, marked as saved; if the module then fails, it stays with a quiet note', async () => {
    const campaign = await addCampaign(site.dir, 't-cached', { raised: 420_000, widgets: ['bar'] });
    const { context, page, warnings } = await revisitWithoutModule(campaign.page);
    const view = await savedView(page, 'kifu-progress');
    // 420,000 of the fixture's 1,000,000 goal: 42%.
    assert.equal(view.amount, '420,000円');
    assert.equal(view.valuenow, '42');
    await page.waitForFunction(() => /更新できません/.test(document.querySelector('kifu-progress').shadowRoot.querySelector('[part~="stale"]').textContent), null, { timeout: 10_000 });
    assert.ok(warnings.some((w) => /module did not load/.test(w)), warnings.join('\n'));
    await context.close();
  });

  test('a counter paints the total that a bar of the same campaign saved, before the module loads', async () => {
    // Both draw the core's bar view, saved once under one key.
    const campaign = await addCampaign(site.dir, 't-shared-save', { raised: 630_000, widgets: ['bar'] });
    await writeFile(path.join(site.dir, 't-shared-save-counter.html'),
      '<!doctype html><html lang="ja"><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="kifu/define.js"></script></head>' +
      '<body><kifu-counter campaign="campaigns/t-shared-save/campaign.json" lang="ja" variant="raised"></kifu-counter></body></html>\n');
    const { context, page } = await revisitWithoutModule(campaign.page, 't-shared-save-counter.html');
    const view = await savedView(page, 'kifu-counter');
    assert.equal(view.amount, '630,000円');
    assert.match(view.stale, /保存済み|更新できません/);
    await context.close();
  });

  test('kifu-goal-reached bubbles out of the shadow root once the goal is reached', async () => {
    const campaign = await addCampaign(site.dir, 't-goal', { raised: 900_000, widgets: ['bar'] });
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    await page.goto(`${kifu}/${campaign.page}`);
    await waitForLiveWidgets(page, 1);
    const reached = page.evaluate(() => new Promise((resolve) => document.addEventListener('kifu-goal-reached', (e) => resolve({ tag: e.target.localName, ...e.detail }), { once: true })));
    await campaign.setRaised(1_000_000); // the goal exactly
    const detail = await reached;
    assert.deepEqual(detail, { tag: 'kifu-progress', raised: '1,000,000円', goal: '1,000,000円', percent: '100%' }); // Intl ja-JP percent, maximumFractionDigits 1: "100%"
    await context.close();
  });

  test('the builder: an option changes the preview and the snippet; the copied snippet works on a blank page elsewhere', async () => {
    const context = await newJapanContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.goto(`${kifu}/builder/`);
    await page.waitForFunction(() => document.querySelector('#preview kifu-progress')?.shadowRoot?.querySelector('.loading') === null, null, { timeout: 15_000 });
    const before = await page.inputValue('#snippet-element');
    await page.selectOption('#variant', 'thermometer');
    assert.equal(await page.getAttribute('#preview kifu-progress', 'variant'), 'thermometer');
    const after = await page.inputValue('#snippet-element');
    assert.notEqual(after, before);
    assert.match(after, /variant="thermometer"/);
    assert.match(await page.inputValue('#snippet-frame'), /variant=thermometer/);
    await page.selectOption('#widget', 'counter');
    await page.selectOption('#variant', 'donors');
    await page.selectOption('#lang', 'en');
    assert.equal(await page.$eval('#preview > *', (el) => el.localName), 'kifu-counter');
    // An accent colour too light for a white background draws a warning.
    assert.doesNotMatch(await page.textContent('#contrast'), /3:1/);
    await page.fill('#colour-accent', '#fde68a');
    assert.match(await page.textContent('#contrast'), /1\.\d\d:1.*3:1/);
    await page.fill('#colour-accent', '#0f766e');
    await page.click('#copy-element');
    await page.waitForFunction(() => document.getElementById('snippet-element-status').textContent !== '');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.inputValue('#snippet-element'));
    assert.match(copied, /<kifu-counter [^>]*variant="donors"[^>]*style="--kifu-accent: #0f766e"/);
    // Pasted into a blank page on another origin (whose CSP allows WebAssembly).
    const paste = await startHostSite({ '/': `<!doctype html><html><head><meta charset="utf-8"><title>blank</title><link rel="icon" href="data:,"></head><body>${copied}</body></html>` }, { csp: `script-src ${kifu} 'wasm-unsafe-eval'` });
    try {
      const blank = await context.newPage();
      const blankWatch = watchConsole(blank);
      await blank.goto(`${paste.origin}/`);
      await waitForLiveWidgets(blank, 1);
      assert.equal(await (await blank.$('kifu-counter')).evaluate(amountOf), '12,345');
      assert.equal(await blank.$eval('kifu-counter', (el) => getComputedStyle(el).getPropertyValue('--kifu-accent').trim()), '#0f766e');
      assert.deepEqual(blankWatch.problems, []);
    } finally {
      await paste.close();
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the English builder speaks English', async () => {
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    await page.goto(`${kifu}/en/builder/`);
    assert.equal(await page.textContent('h1'), 'Make an embed snippet');
    // The builder fills its widget list once define.js has loaded every
    // widget, which can be after the load event.
    await page.waitForSelector('#widget option[value="counter"]', { state: 'attached' });
    assert.equal(await page.$eval('#widget option[value="counter"]', (o) => o.textContent), 'Counter');
    await context.close();
  });
});
