// The widgets as guests on someone else's page (issue: embedding for
// editors): pasted with the versioned snippet on a page with a strict CSP, on
// another origin, ten at a time, under hostile host CSS, while loading
// slowly, and checked with axe-core. Cases run side by side in one browser.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { amountOf, hostPage, startHostSite, waitForLiveWidgets } from '../../build-scripts/lib/embed-fixtures.mjs';
import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite, repoRoot } from '../../build-scripts/lib/test-support.mjs';
import { addCampaign } from '../../build-scripts/lib/widget-fixtures.mjs';

let site;
let server; // the Kifu files, with the site's CSP on its own pages
let host; // an editor's site on another origin
let browser;
let kifu; // e.g. http://127.0.0.1:1234

// Every widget and look the embed offers, as the snippets write them.
const EVERY_WIDGET = [
  ['kifu-progress', 'bar'],
  ['kifu-progress', 'ring'],
  ['kifu-progress', 'thermometer'],
  ['kifu-counter', 'raised'],
  ['kifu-counter', 'donors'],
];
const DEMO = '/campaigns/animal-center/campaign.json';

before(async () => {
  site = await copySite();
  server = await startServer({
    root: site.dir,
    port: 0,
  });
  kifu = server.url.slice(0, -1);
  host = await startHostSite({}, { csp: `script-src 'self' ${kifu} 'wasm-unsafe-eval'` });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
  await site?.remove();
});

const snippetScript = () => `<script type="module" src="${kifu}/kifu/v1/embed.js"></script>`;
const element = ([tag, variant], { lang = 'ja', extra = '' } = {}) =>
  `<${tag} campaign="${kifu}${DEMO}" lang="${lang}" variant="${variant}"${extra}></${tag}>`;

async function open(url, contextOptions = {}) {
  const context = await newJapanContext(browser, contextOptions);
  const page = await context.newPage();
  const watched = watchConsole(page);
  await page.goto(url);
  return { page, context, ...watched };
}

describe('guest behaviour', { concurrency: true }, () => {
  test('on a page whose CSP is script-src \'self\' \'wasm-unsafe-eval\', with no inline script, every widget works', async () => {
    // Served by the Kifu server itself, which sends exactly that policy.
    const body = EVERY_WIDGET.map((w) => element(w).replace(`${kifu}${DEMO}`, DEMO.slice(1))).join('\n');
    await fs.writeFile(path.join(site.dir, 'strict-csp.html'), hostPage(body, { head: '<script type="module" src="kifu/v1/embed.js"></script>' }));
    const { page, context, problems } = await open(`${kifu}/strict-csp.html`);
    const response = await page.request.get(`${kifu}/strict-csp.html`);
    assert.equal(response.headers()['content-security-policy'], "script-src 'self' 'wasm-unsafe-eval'");
    await waitForLiveWidgets(page, EVERY_WIDGET.length);
    const amounts = await page.$$eval('kifu-progress, kifu-counter', (els) => els.map((el) => el.shadowRoot.querySelector('[part~="amount"]').textContent));
    // The demo feed: raised 182600000 -> "182,600,000円"; donors 12345 -> "12,345人".
    assert.deepEqual(amounts, ['182,600,000円', '182,600,000円', '182,600,000円', '182,600,000円', '12,345人']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('on another origin, with the snippet pasted twice, the widgets work and are defined once', async () => {
    const body = `${snippetScript()}\n${element(EVERY_WIDGET[0], { lang: 'en' })}\n${snippetScript()}\n${element(EVERY_WIDGET[3], { lang: 'en' })}`;
    host.setPage('/twice', hostPage(body, { lang: 'en' }));
    const { page, context, problems } = await open(`${host.origin}/twice`);
    await waitForLiveWidgets(page, 2);
    const amounts = await page.$$eval('kifu-progress, kifu-counter', (els) => els.map((el) => el.shadowRoot.querySelector('[part~="amount"]').textContent));
    assert.deepEqual(amounts, ['¥182,600,000', '¥182,600,000']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('ten widgets share one module download and one feed request, and add no globals', async () => {
    const widgets = [];
    for (let i = 0; i < 10; i += 1) widgets.push(element(EVERY_WIDGET[i % EVERY_WIDGET.length]));
    host.setPage('/ten', hostPage(`${snippetScript()}\n${widgets.join('\n')}`));
    host.setPage('/none', hostPage(''));
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    const seen = [];
    page.on('request', (request) => seen.push(new URL(request.url()).pathname));
    await page.goto(`${host.origin}/ten`);
    await waitForLiveWidgets(page, 10);
    const count = (p) => seen.filter((s) => s === p).length;
    assert.equal(count('/kifu/v1/kifu-core.wasm'), 1, 'one wasm download');
    assert.equal(count('/kifu/v1/kifu-base.js'), 1, 'one download of the modules every widget needs');
    // Nothing else: the progress and counter widgets' own files are only
    // re-exports of kifu-base.js, which embed.js must not ask for (its
    // IN_BASE list and kifu-base.js's must agree).
    const modules = [...new Set(seen)].filter((p) => /\.m?js$/.test(p)).sort();
    assert.deepEqual(modules, ['/kifu/v1/embed.js', '/kifu/v1/kifu-base.js']);
    const twice = [...new Set(seen)].filter((p) => /\.m?js$/.test(p) && count(p) > 1);
    assert.deepEqual(twice, [], 'no module downloaded twice');
    assert.equal(count('/kifu/v1/embed.js'), 1);
    assert.equal(count('/campaigns/animal-center/campaign.json'), 1, 'one definition request');
    assert.equal(count('/campaigns/animal-center/feed.json'), 1, 'one feed request for ten widgets');
    const withWidgets = await page.evaluate(() => Object.getOwnPropertyNames(window));
    const blank = await context.newPage();
    await blank.goto(`${host.origin}/none`);
    const without = new Set(await blank.evaluate(() => Object.getOwnPropertyNames(window)));
    assert.deepEqual(withWidgets.filter((name) => !without.has(name)), [], 'no globals added to window');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('nothing shifts while the module and the feed load slowly', async () => {
    // The host reserves each widget's space before the script has run, as the
    // guide says; the heights are read from a first load at this width (the
    // widget's promise is that its box keeps that size from then on).
    const widgets = EVERY_WIDGET.map((w, i) => element(w, { extra: ` id="w${i}" show-donors show-milestones show-days-left` })).join('\n');
    const body = `${snippetScript()}\n${widgets}\n<p id="below">The host's own text, below the widgets.</p>`;
    const viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">';
    host.setPage('/measure', hostPage(body, { head: viewport }));
    const contextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
    const measuring = await newJapanContext(browser, contextOptions);
    const probe = await measuring.newPage();
    await probe.goto(`${host.origin}/measure`);
    await waitForLiveWidgets(probe, EVERY_WIDGET.length);
    const heights = await probe.$$eval('kifu-progress, kifu-counter', (els) => els.map((el) => el.getBoundingClientRect().height));
    await measuring.close();
    const reserve = `<style>${heights.map((h, i) => `#w${i}:not(:defined){display:block;height:${h}px}`).join('')}</style>`;
    host.setPage('/slow', hostPage(body, { head: viewport + reserve }));

    const context = await newJapanContext(browser, contextOptions);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    await page.addInitScript(() => {
      // Counted in a closure the page cannot see; read back through the title.
      let shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
        document.title = `shift=${shift}`;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const slow = async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    };
    await page.route('**/feed.json', slow);
    await page.route('**/*.wasm', slow);
    await page.goto(`${host.origin}/slow`);
    await waitForLiveWidgets(page, EVERY_WIDGET.length);
    await page.waitForTimeout(300);
    const title = await page.title();
    assert.ok(title === 'A host page' || title === 'shift=0', `cumulative layout shift: ${title}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling at 360 px');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('aggressive host CSS does not change the widgets, and the widgets do not change the host', async () => {
    const hostile = `<style>
      * { letter-spacing: 3px !important; line-height: 3 !important; text-transform: uppercase; font-family: serif !important; color: red !important; box-sizing: content-box; padding: 12px; border: 3px dashed blue; }
      div, p, span { display: inline; background: yellow !important; margin: 20px !important; font-size: 30px !important; }
      svg, svg * { display: none !important; fill: lime !important; }
    </style>`;
    const widgets = EVERY_WIDGET.map((w) => element(w, { extra: ' style="width:320px"' })).join('\n');
    host.setPage('/plain', hostPage(`${snippetScript()}\n${widgets}\n<p id="host-text">Host text</p>`));
    host.setPage('/hostile', hostPage(`${snippetScript()}\n${widgets}\n<p id="host-text">Host text</p>`, { head: hostile }));
    host.setPage('/hostile-alone', hostPage('<p id="host-text">Host text</p>', { head: hostile }));
    // Every box inside each widget, relative to the widget, and the styles
    // that would show a leak; compared between the plain and hostile pages.
    const layout = (host) => [...host.shadowRoot.querySelectorAll('*')].map((node) => {
      const h = host.getBoundingClientRect();
      const r = node.getBoundingClientRect();
      const s = getComputedStyle(node);
      const round = (v) => Math.round(v * 10) / 10;
      // Boxes that are not rendered have no position worth comparing.
      const box = r.width || r.height ? [round(r.x - h.x), round(r.y - h.y), round(r.width), round(r.height)] : ['not rendered'];
      return [node.localName, ...box,
        s.color, s.fontSize, s.fontFamily, s.letterSpacing, s.lineHeight, s.textTransform, s.display, s.backgroundColor, s.fill].join('|');
    });
    const views = {};
    const hostStyle = {};
    for (const name of ['plain', 'hostile', 'hostile-alone']) {
      const { page, context, problems } = await open(`${host.origin}/${name}`, { reducedMotion: 'reduce' });
      if (name !== 'hostile-alone') {
        await waitForLiveWidgets(page, EVERY_WIDGET.length);
        views[name] = await Promise.all((await page.$$('kifu-progress, kifu-counter')).map((h) => h.evaluate(layout)));
      }
      hostStyle[name] = await page.$eval('#host-text', (p) => {
        const s = getComputedStyle(p);
        return [s.color, s.fontSize, s.fontFamily, s.letterSpacing, s.margin, s.display, s.backgroundColor].join('|');
      });
      assert.deepEqual(problems, []);
      await context.close();
    }
    views.hostile.forEach((view, i) => assert.deepEqual(view, views.plain[i], `${EVERY_WIDGET[i].join(' ')} is the same under the host's CSS`));
    assert.equal(hostStyle.hostile, hostStyle['hostile-alone'], 'the widgets change nothing on the host');
  });

  test('each widget marks its text with its own language, whatever the host page says', async () => {
    // A Japanese widget (no lang attribute: the widgets speak Japanese by
    // default) on a page marked English, and an English one in a Japanese
    // section: a screen reader must switch voices, and the typesetting must
    // know the language too (Chromium keeps it as -webkit-locale; the
    // card's `all: initial` had reset it to "auto").
    const body = `${snippetScript()}\n<kifu-progress id="ja" campaign="${kifu}${DEMO}"></kifu-progress>\n`
      + `<section lang="ja">${element(EVERY_WIDGET[3], { lang: 'en' }).replace('<kifu-counter', '<kifu-counter id="en"')}</section>`;
    host.setPage('/languages', hostPage(body, { lang: 'en' }));
    const { page, context, problems } = await open(`${host.origin}/languages`);
    await waitForLiveWidgets(page, 2);
    const languages = () => page.$$eval('kifu-progress, kifu-counter', (els) => els.map((el) => {
      const card = el.shadowRoot.querySelector('[part~="card"]');
      return {
        id: el.id,
        card: card.getAttribute('lang'),
        // Every top-level node of the shadow root, the live region included.
        all: [...el.shadowRoot.children].map((node) => node.getAttribute('lang')),
        typeset: getComputedStyle(el.shadowRoot.querySelector('[part~="amount"]')).webkitLocale,
        amount: el.shadowRoot.querySelector('[part~="amount"]').textContent,
      };
    }));
    const before = await languages();
    assert.deepEqual(before.map(({ id, card, typeset }) => ({ id, card, typeset })), [
      { id: 'ja', card: 'ja', typeset: '"ja"' },
      { id: 'en', card: 'en', typeset: '"en"' },
    ]);
    for (const widget of before) assert.ok(widget.all.length >= 2 && widget.all.every((lang) => lang === widget.card), JSON.stringify(widget));
    assert.equal(before[0].amount, '182,600,000円');
    // The editor switches the first to English: its text and its marks follow.
    await page.evaluate(() => { document.getElementById('ja').lang = 'en'; });
    await page.waitForFunction(() => document.getElementById('ja').shadowRoot.querySelector('[part~="amount"]').textContent !== '182,600,000円');
    const after = (await languages())[0];
    assert.equal(after.card, 'en');
    assert.equal(after.typeset, '"en"');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('axe-core finds no accessibility violations in any widget, in either language', async () => {
    await fs.copyFile(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), path.join(site.dir, 'axe.min.js'));
    const body = ['ja', 'en']
      .flatMap((lang) => EVERY_WIDGET.map((w) => `<section lang="${lang}"><h2>${w.join(' ')} ${lang}</h2>${element(w, { lang, extra: ' show-donors show-milestones show-days-left' })}</section>`))
      .join('\n');
    // axe runs from the Kifu origin, which the page's CSP allows.
    host.setPage('/axe', hostPage(`${snippetScript()}\n<script src="${kifu}/axe.min.js"></script>\n${body}`));
    for (const colorScheme of ['light', 'dark']) {
      const { page, context, problems } = await open(`${host.origin}/axe`, { colorScheme, reducedMotion: 'reduce' });
      await waitForLiveWidgets(page, EVERY_WIDGET.length * 2);
      const result = await page.evaluate(async () => {
        const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(result, [], `${colorScheme}: ${result.join('\n')}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
});
