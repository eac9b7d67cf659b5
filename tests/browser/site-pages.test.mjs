// The generated site in Chromium: every page in both languages at 360, 768
// and 1280 px (no horizontal overflow, no layout shift while the widgets go
// live, a screenshot of each in build/screenshots/), axe-core, the language
// switch, dark mode, and no console errors. One browser for all.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { counterpart, sitePages } from '../../build-scripts/lib/site-pages.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite, repoRoot } from '../../build-scripts/lib/test-support.mjs';

const SCREENSHOTS = path.join(repoRoot, 'build', 'screenshots');
const WIDTHS = [360, 768, 1280];

let site;
let server;
let browser;
let pages;

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

test('every page, both languages, at 360, 768 and 1280 px: live totals, no overflow, no layout shift, no console errors', async () => {
  const context = await newJapanContext(browser, { viewport: { width: 360, height: 800 } });
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const p of pages) {
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.goto(new URL(p.path, server.url).href);
    await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
    assert.deepEqual(await page.evaluate(amounts), p.totals, `${p.path}: the totals`);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${p.path} at ${width} px overflows by ${overflow} px`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${p.name}-${width}.png`), fullPage: true });
      if (width === 360) assert.equal(await page.evaluate(() => window.__shift), 0, `${p.path}: cumulative layout shift while loading`);
    }
    assert.deepEqual(problems, [], `${p.path}: console errors`);
    await page.close();
  }
  await context.close();
});

test('axe-core finds no accessibility violations on any page, in either language', async () => {
  const context = await newJapanContext(browser);
  for (const p of pages) {
    const page = await context.newPage();
    await page.goto(new URL(p.path, server.url).href);
    await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
    // From the site's own origin, which its CSP (script-src 'self') allows.
    await page.addScriptTag({ url: '/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `${p.path}: axe violations`);
    await page.close();
  }
  await context.close();
});

test('the language switch on every page leads to the same content in the other language', async () => {
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  for (const p of pages) {
    await page.goto(new URL(p.path, server.url).href, { waitUntil: 'domcontentloaded' });
    const other = p.lang === 'ja' ? 'en' : 'ja';
    const link = page.locator(`header a[hreflang="${other}"]`);
    assert.equal(await link.count(), 1, `${p.path}: one language switch`);
    await link.click();
    await page.waitForURL((url) => url.pathname === counterpart(p.path));
    assert.equal(await page.getAttribute('html', 'lang'), other);
    // The canonical URL of each page is its own, and the alternates name both.
    const canonical = await page.getAttribute('link[rel="canonical"]', 'href');
    assert.equal(new URL(canonical).pathname, counterpart(p.path));
    assert.equal(new URL(await page.getAttribute('link[hreflang="ja"]', 'href')).pathname, other === 'ja' ? counterpart(p.path) : p.path);
  }
  await context.close();
});

test('each page has its own title, description and Open Graph card, and the share image is a 1200×630 PNG', async () => {
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const titles = new Set();
  for (const p of pages) {
    await page.goto(new URL(p.path, server.url).href, { waitUntil: 'domcontentloaded' });
    const meta = await page.evaluate(() => ({
      title: document.title,
      description: document.querySelector('meta[name="description"]')?.content,
      ogTitle: document.querySelector('meta[property="og:title"]')?.content,
      ogImage: document.querySelector('meta[property="og:image"]')?.content,
      ogUrl: document.querySelector('meta[property="og:url"]')?.content,
      canonical: document.querySelector('link[rel="canonical"]')?.href,
    }));
    assert.ok(meta.title && !titles.has(meta.title), `${p.path}: a title of its own (${meta.title})`);
    titles.add(meta.title);
    assert.ok(meta.description?.length > 20, `${p.path}: a description`);
    assert.equal(meta.ogTitle, meta.title);
    assert.equal(meta.ogUrl, meta.canonical);
    if (p.campaign) assert.match(meta.title, new RegExp(p.totals[0].replace(/[$.]/g, '\\$&')), 'a campaign page names its total');
    // The image is served by this site at the same path as in the absolute URL.
    const image = await page.request.get(new URL(new URL(meta.ogImage).pathname, server.url).href);
    assert.equal(image.status(), 200, meta.ogImage);
    const png = await image.body();
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), 1200, 'width');
    assert.equal(png.readUInt32BE(20), 630, 'height');
  }
  await context.close();
});

test('with JavaScript disabled every page still shows its prerendered totals', async () => {
  const context = await newJapanContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  for (const p of pages) {
    await page.goto(new URL(p.path, server.url).href);
    const shown = await page.locator('kifu-progress [part~="amount"]').allInnerTexts();
    assert.deepEqual(shown, p.totals, `${p.path}: prerendered totals`);
    for (const bar of await page.locator('kifu-progress [role="progressbar"]').all()) {
      assert.match(await bar.getAttribute('aria-valuetext'), /%/);
    }
  }
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

test('keyboard only: Tab reaches every control of every page, and each shows its focus', async () => {
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  for (const p of pages) {
    await page.goto(new URL(p.path, server.url).href);
    await page.waitForFunction(everyWidgetLive, null, { timeout: 15_000 });
    // Every visible control, in the page and in the widgets' open shadow roots.
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
      return found.length;
    });
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
    const missed = controls.filter((_, i) => !reached.has(i));
    assert.deepEqual(missed, [], `${p.path}: controls Tab never reached`);
    assert.deepEqual(unfocused, [], `${p.path}: focused without a visible indicator`);
  }
  await context.close();
});
