// The generated site in Chromium: every page in both languages at 360, 768
// and 1280 px (no horizontal overflow, no layout shift while the widgets go
// live, a screenshot of each in build/screenshots/), axe-core, the language
// switch, dark mode, and no console errors. One browser for all.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertNoLayoutShift, launchChromium, newJapanContext, recordLayoutShift, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { counterpart, sitePages } from '../../build-scripts/lib/site-pages.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite, repoRoot } from '../../build-scripts/lib/test-support.mjs';

const SCREENSHOTS = path.join(repoRoot, 'build', 'screenshots');
const WIDTHS = [360, 768, 1280];

let site;
let server;
let browser;
let pages;
// The prerendered widgets' heights without JavaScript, by page and width:
// the live widgets must keep them (the hand-over moves nothing).
let prerenderedHeights;
const widgetHeights = (page) => page.evaluate(() => [...document.querySelectorAll('kifu-progress, kifu-counter')].map((w) => Math.round(w.getBoundingClientRect().height * 10) / 10));

before(async () => {
  site = await copySite();
  await fs.copyFile(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), path.join(site.dir, 'axe.min.js'));
  server = await startServer({ root: site.dir, port: 0 });
  browser = await launchChromium();
  pages = await sitePages();
  await fs.mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

// Every progress widget on the page shows its live total (out of the saved
// view: the status line says "updated", not the saved-value note).
function everyWidgetLive() {
  const widgets = [...document.querySelectorAll('kifu-progress')];
  return widgets.every((w) => {
    const root = w.shadowRoot;
    return root && !root.querySelector('.loading') && root.querySelector('[part~="stale"]').hidden && root.querySelector('[part~="updated"]').textContent !== '';
  });
}
const amounts = () => [...document.querySelectorAll('kifu-progress')].map((w) => w.shadowRoot?.querySelector('[part~="amount"]')?.textContent);

test('with JavaScript disabled every page still shows its prerendered totals', async () => {
  const context = await newJapanContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  prerenderedHeights = new Map();
  for (const p of pages) {
    await page.goto(new URL(p.path, server.url).href);
    const shown = await page.locator('kifu-progress [part~="amount"]').allInnerTexts();
    assert.deepEqual(shown, p.totals, `${p.path}: prerendered totals`);
    for (const bar of await page.locator('kifu-progress [role="progressbar"]').all()) {
      assert.match(await bar.getAttribute('aria-valuetext'), /%/);
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      prerenderedHeights.set(`${p.path} ${width}`, await widgetHeights(page));
    }
  }
  await context.close();
});

// One load per page does everything that needs the page live: the widths,
// screenshots and layout shift, axe, the keyboard, the meta tags and the
// language switch (a few seconds a page, whatever the checks).
async function checkWidths(page, p) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await widgetHeights(page), prerenderedHeights.get(`${p.path} ${width}`), `${p.path} at ${width} px: the live widgets are as tall as the prerendered ones`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${p.path} at ${width} px overflows by ${overflow} px`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${p.name}-${width}.png`), fullPage: true });
  }
}

async function checkAxe(page, p) {
  // From the site's own origin, which its CSP (script-src 'self') allows.
  await page.addScriptTag({ url: '/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `${p.path}: axe violations`);
}

// Tab from the top through the whole page: every visible control, in the
// page and in the widgets' open shadow roots, is reached and shows a focus
// indicator (an outline or a box shadow).
async function checkKeyboard(page, p) {
  const count = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(selector) && !el.disabled && el.checkVisibility()) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    found.forEach((el, i) => { el.__control = i; });
    window.__controls = found.map((el) => el.outerHTML.slice(0, 80));
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    return found.length;
  });
  assert.ok(count >= 8, `${p.path}: only ${count} controls found (the header and footer alone have more)`);
  const reached = new Set();
  const unfocused = [];
  for (let i = 0; i < count * 2 + 5 && reached.size < count; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      if (!a || a === document.body) return null;
      const style = getComputedStyle(a);
      const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { index: a.__control, visible, html: a.outerHTML.slice(0, 80) };
    });
    if (!focus) continue;
    if (focus.index !== undefined) reached.add(focus.index);
    if (!focus.visible) unfocused.push(focus.html);
  }
  const controls = await page.evaluate(() => window.__controls);
  assert.deepEqual(controls.filter((_, i) => !reached.has(i)), [], `${p.path}: controls Tab never reached`);
  assert.deepEqual(unfocused, [], `${p.path}: focused without a visible indicator`);
}

// Title, description, canonical and Open Graph; the share image is a
// 1200×630 PNG this site serves; the language switch names the counterpart.
async function checkMeta(page, p, titles) {
  const meta = await page.evaluate(() => ({
    title: document.title,
    description: document.querySelector('meta[name="description"]')?.content,
    ogTitle: document.querySelector('meta[property="og:title"]')?.content,
    ogImage: document.querySelector('meta[property="og:image"]')?.content,
    ogUrl: document.querySelector('meta[property="og:url"]')?.content,
    canonical: document.querySelector('link[rel="canonical"]')?.href,
    ja: document.querySelector('link[rel="alternate"][hreflang="ja"]')?.href,
    en: document.querySelector('link[rel="alternate"][hreflang="en"]')?.href,
    switches: [...document.querySelectorAll('header a[hreflang]')].map((a) => ({ lang: a.hreflang, href: a.href })),
  }));
  assert.ok(meta.title && !titles.has(meta.title), `${p.path}: a title of its own (${meta.title})`);
  titles.add(meta.title);
  assert.ok(meta.description?.length > 20, `${p.path}: a description`);
  assert.equal(meta.ogTitle, meta.title);
  assert.equal(new URL(meta.canonical).pathname, p.path, 'the canonical URL is the page itself');
  assert.equal(meta.ogUrl, meta.canonical);
  const other = p.lang === 'ja' ? 'en' : 'ja';
  assert.equal(new URL(meta[p.lang]).pathname, p.path);
  assert.equal(new URL(meta[other]).pathname, counterpart(p.path));
  if (p.campaign) assert.ok(meta.title.includes(p.totals[0]), `${p.path}: the title names the total`);
  // One language switch, to the same content in the other language.
  assert.equal(meta.switches.length, 1, `${p.path}: one language switch`);
  assert.equal(meta.switches[0].lang, other);
  assert.equal(new URL(meta.switches[0].href).pathname, counterpart(p.path));
  const image = await page.request.get(new URL(new URL(meta.ogImage).pathname, server.url).href);
  assert.equal(image.status(), 200, meta.ogImage);
  const png = await image.body();
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 1200, 'width');
  assert.equal(png.readUInt32BE(20), 630, 'height');
}

test('every page, both languages: live totals; at 360, 768 and 1280 px no overflow; no layout shift; axe; keyboard; meta; no console errors', async () => {
  const context = await newJapanContext(browser, { viewport: { width: 360, height: 800 } });
  await recordLayoutShift(context);
  // A slow network: the prerendered page paints before the widgets' code
  // arrives, and the saved view before the live total, so each hand-over
  // happens on screen where a jump would count as layout shift.
  const slow = (ms) => async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  };
  await context.route('**/site/widgets.js', slow(400));
  await context.route('**/feed.json', slow(800));
  const titles = new Set();
  for (const p of pages) {
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.goto(new URL(p.path, server.url).href);
    await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
    assert.deepEqual(await page.evaluate(amounts), p.totals, `${p.path}: the live totals`);
    await page.waitForTimeout(100);
    await assertNoLayoutShift(page, `${p.path}: cumulative layout shift while loading at 360 px`);
    if (p.campaign) {
      // The estimator and forecast load when scrolled near (site/widgets.js):
      // scrolled to, they load on screen and move nothing; then the
      // screenshots, axe and the keyboard check see them.
      await page.evaluate(() => document.querySelector('kifu-forecast').scrollIntoView());
      await page.waitForFunction(() => document.querySelector('kifu-estimator')?.shadowRoot?.querySelector('input')
        && document.querySelector('kifu-forecast')?.shadowRoot?.querySelector('[part~="details"] li'), null, { timeout: 15_000 });
      await page.waitForTimeout(500);
      await assertNoLayoutShift(page, `${p.path}: layout shift while the estimator and forecast load on screen at 360 px`);
    }
    await checkWidths(page, p);
    await checkMeta(page, p, titles);
    await checkAxe(page, p);
    await checkKeyboard(page, p);
    assert.deepEqual(problems, [], `${p.path}: console errors`);
    await page.close();
  }
  await context.close();
});

// In a window tall enough to show the whole campaign page, the estimator and
// the forecast (which draw a short "loading" card, then grow when their data
// arrives) sit above content that is on screen: any growth on load is layout
// shift. The same slow network as above, so each hand-over happens on screen.
const TALL = [{ width: 1280, height: 2400 }, { width: 360, height: 6000 }];
test('in tall windows (1280×2400, 360×6000) no campaign page shifts while the widgets and their data load', async () => {
  const slow = (ms) => async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  };
  for (const viewport of TALL) {
    const context = await newJapanContext(browser, { viewport });
    await recordLayoutShift(context);
    await context.route('**/site/widgets.js', slow(400));
    await context.route('**/feed.json', slow(800));
    // The campaign pages: the home and about pages have nothing that grows
    // (their widgets are prerendered, checked above).
    for (const p of pages.filter((q) => q.campaign)) {
      const page = await context.newPage();
      await page.goto(new URL(p.path, server.url).href);
      await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
      // Loaded: the estimator shows its fields and the forecast its chart's description.
      await page.waitForFunction(() => document.querySelector('kifu-estimator')?.shadowRoot?.querySelector('input')
        && document.querySelector('kifu-forecast')?.shadowRoot?.querySelector('[part~="details"] li'), null, { timeout: 15_000 });
      // The forecast's top is on screen: the estimator's growth would move it visibly.
      const top = await page.evaluate(() => document.querySelector('kifu-forecast').getBoundingClientRect().top);
      assert.ok(top < viewport.height, `${p.path}: the forecast starts on screen at ${viewport.width}×${viewport.height}`);
      if (viewport.height >= 4000) {
        // And the whole page: the forecast's growth would move the sections under it.
        const bottom = await page.evaluate(() => document.querySelector('footer').getBoundingClientRect().bottom);
        assert.ok(bottom <= viewport.height, `${p.path}: the whole page is on screen at ${viewport.width}×${viewport.height} (${bottom} px)`);
      }
      await page.waitForTimeout(500); // a late second draw (the forecast recomputes with the live feed)
      await assertNoLayoutShift(page, `${p.path}: cumulative layout shift while loading at ${viewport.width}×${viewport.height}`);
      await page.close();
    }
    await context.close();
  }
});

// The estimator and the forecast (each with its own wasm module) are far
// down the campaign page: site/widgets.js defines them when they come within
// a window's height of the screen, not on load. Only the forecast's worker
// starts before that, once the page has loaded and is idle, so that the
// forecast's first answer is quick when the visitor gets there; not for a
// visitor who asked to save data.
const elementCode = (paths) => paths.filter((p) => /kifu-(estimator|forecast)\.js$|kifu-estimator\.(mjs|wasm)$/.test(p));
const forecastWorker = (paths) => paths.filter((p) => /forecast-(runner|worker)\.js$|kifu-forecast\.(mjs|wasm)$/.test(p));

test('the estimator and forecast code loads only when the visitor scrolls near them; the forecast worker after load', async () => {
  const context = await newJapanContext(browser, { viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(new URL('/campaigns/animal-center/', server.url).href);
  await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
  // Far below the window (more than a window's height under its bottom).
  assert.ok(await page.evaluate(() => document.querySelector('kifu-estimator').getBoundingClientRect().top > 2 * innerHeight));
  // The worker's module, fetched by the worker, once the page is idle.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/kifu/forecast-worker.js')), null, { timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(elementCode(requested), [], 'no estimator or forecast element code before scrolling');
  assert.deepEqual(forecastWorker(requested).sort(), ['/kifu/forecast-runner.js', '/kifu/forecast-worker.js', '/kifu/kifu-forecast.mjs', '/kifu/kifu-forecast.wasm'], 'the forecast worker, once each');
  const order = await page.evaluate(() => ({
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    worker: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/kifu/forecast-worker.js')).startTime,
  }));
  assert.ok(order.worker >= order.load, `the forecast worker started after the load event (${order.worker.toFixed(0)} ms, load ${order.load.toFixed(0)} ms)`);
  assert.equal(await page.evaluate(() => customElements.get('kifu-estimator') === undefined && customElements.get('kifu-forecast') === undefined), true);
  await page.evaluate(() => document.querySelector('kifu-forecast').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('kifu-estimator')?.shadowRoot?.querySelector('input')
    && document.querySelector('kifu-forecast')?.shadowRoot?.querySelector('[part~="details"] li'), null, { timeout: 15_000 });
  for (const file of ['/kifu/kifu-estimator.js', '/kifu/kifu-estimator.wasm', '/kifu/kifu-forecast.js']) assert.ok(requested.includes(file), `${file} once scrolled near`);
  assert.equal(requested.filter((p) => p === '/kifu/kifu-forecast.wasm').length, 1, 'the element used the worker started early');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with Save-Data, nothing of the forecast loads before the visitor scrolls near it', async () => {
  const context = await newJapanContext(browser, { viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // The browser's own Save-Data setting (navigator.connection.saveData).
  await (await context.newCDPSession(page)).send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(new URL('/campaigns/animal-center/', server.url).href);
  assert.equal(await page.evaluate(() => navigator.connection.saveData), true);
  await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
  await page.waitForTimeout(4000); // past the idle start's longest wait (IDLE_WAIT_MS)
  assert.deepEqual([...elementCode(requested), ...forecastWorker(requested)], [], 'nothing of the estimator or forecast');
  await page.evaluate(() => document.querySelector('kifu-forecast').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('kifu-forecast')?.shadowRoot?.querySelector('[part~="details"] li'), null, { timeout: 15_000 });
  assert.equal(requested.filter((p) => p === '/kifu/kifu-forecast.wasm').length, 1, 'the forecast, once scrolled near');
  await context.close();
});

test('following the language switch keeps the visitor on the same content', async () => {
  const context = await newJapanContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('/campaigns/city-library/', server.url).href);
  await page.click('header a[hreflang="en"]');
  await page.waitForURL((url) => url.pathname === '/en/campaigns/city-library/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1'), 'Harbor City Library Rebuild');
  await page.click('header a[hreflang="ja"]');
  await page.waitForURL((url) => url.pathname === '/campaigns/city-library/');
  assert.equal(await page.textContent('h1'), 'ハーバーシティ図書館 再建基金');
  await context.close();
});

test('dark mode follows the system', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await newJapanContext(browser, { colorScheme });
    const page = await context.newPage();
    await page.goto(new URL('/campaigns/animal-center/', server.url).href);
    await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
    const { body, card } = await page.evaluate(() => ({
      body: getComputedStyle(document.documentElement).backgroundColor,
      card: getComputedStyle(document.querySelector('kifu-progress').shadowRoot.querySelector('.card')).backgroundColor,
    }));
    // Relative luminance by eye is enough: dark backgrounds have every channel low.
    const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).every((c) => Number(c) < 64);
    assert.equal(dark(body), colorScheme === 'dark', `page background ${body} in ${colorScheme}`);
    assert.equal(dark(card), colorScheme === 'dark', `widget card ${card} in ${colorScheme}`);
    await context.close();
  }
});

// A page that arrives in pieces (a slow network, or a parser that yields
// mid-page on a busy machine, as it did once in CI) may be painted half
// parsed. Each page is sent cut inside its header and the rest follows
// 300 ms later: nothing painted from the first piece may move when
// the rest arrives. Before the pages held their first paint (rel="expect"),
// the nav jumped under the brand at 360 px on every page.
test('a page sent in two pieces, cut inside its header, moves nothing when the rest arrives (360 and 768 px)', async () => {
  const paths = [...pages.map((p) => p.path), ...['guide/', 'builder/', 'docs/'].flatMap((p) => [`/${p}`, `/en/${p}`])];
  const cuts = new Map();
  const proxy = http.createServer(async (request, response) => {
    try {
      const upstream = await fetch(new URL(request.url, server.url));
      const body = Buffer.from(await upstream.arrayBuffer());
      const headers = Object.fromEntries([...upstream.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)));
      response.writeHead(upstream.status, headers);
      const cut = cuts.get(new URL(request.url, server.url).pathname);
      if (cut !== undefined) {
        response.write(body.subarray(0, cut));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      response.end(body.subarray(cut ?? 0));
    } catch (error) {
      response.destroy(error);
    }
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${proxy.address().port}`;
  try {
    for (const width of [360, 768]) {
      const context = await newJapanContext(browser, { viewport: { width, height: 800 } });
      await recordLayoutShift(context);
      for (const pagePath of paths) {
        const html = Buffer.from(await (await fetch(new URL(pagePath, server.url))).arrayBuffer());
        const header = html.indexOf('<header');
        const end = html.indexOf('</header>');
        const label = html.indexOf('</a>', html.indexOf('hreflang=', header));
        assert.ok(header > 0 && label > header && label < end, `${pagePath}: the header has a language switch`);
        // Where each width was seen to move: the nav wraps under the brand
        // at 360 px (generated pages; the hand-written ones have only the
        // language link), the language switch grows by its label at 768.
        const item = html.indexOf('</li>', header);
        const [where, cut] = width === 360 && item > 0 && item < end ? ['after the nav\'s first link', item + 5] : ['inside the language switch\'s label', label - 2];
        cuts.set(pagePath, cut);
        const page = await context.newPage();
        await page.goto(origin + pagePath);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await assertNoLayoutShift(page, `${pagePath} at ${width} px, cut ${where}`);
        await page.close();
      }
      await context.close();
    }
  } finally {
    proxy.close();
  }
});
