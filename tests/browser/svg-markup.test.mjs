// The widgets draw SVG markup from the core (widget-style.js's parseSvg):
// parsed as XML and stripped of anything that runs or links, so that a core
// bug or a tampered snapshot never becomes script on a host page. Checked on
// a host page without any Content-Security-Policy, on another origin than the
// Kifu files (a partner's blog), where the same markup inserted as it is does
// run.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext } from '../../build-scripts/lib/browser.mjs';
import { startHostSite } from '../../build-scripts/lib/embed-fixtures.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';

let site;
let server; // the Kifu files
let host; // the host page, no CSP
let browser;
let moduleUrl; // widget-style.js on the Kifu origin

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0 });
  host = await startHostSite({ '/': '<!doctype html><html lang="en"><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,"><body></body></html>' });
  browser = await launchChromium();
  moduleUrl = new URL('/kifu/widget-style.js', server.url).href;
});

after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
  await site?.remove();
});

// Each way SVG can run script or lead elsewhere, beside harmless drawing.
const HOSTILE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="window.pwned.push('svg onload')">
  <script>window.pwned.push('script')</script>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="data:," onerror="window.pwned.push('foreignObject')"/></div></foreignObject>
  <image href="data:," onerror="window.pwned.push('image onerror')"/>
  <a href="javascript:window.pwned.push('a href')"><text x="1" y="5">link</text></a>
  <a xlink:href="#elsewhere"><text x="1" y="9">elsewhere</text></a>
  <rect class="kept" width="4" height="4" fill="#c2410c" onclick="window.pwned.push('rect onclick')"/>
  <set attributeName="fill" to="red" begin="0s" onbegin="window.pwned.push('set onbegin')"/>
</svg>`;

async function blankPage() {
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  await page.goto(`${host.origin}/`);
  await page.evaluate(() => {
    window.pwned = [];
  });
  return { page, context };
}

// Inserts the markup (through parseSvg when `sanitize`), clicks what can be
// clicked, waits for loads and animations, and says what ran.
function insertAndPoke(page, { sanitize, markup, moduleUrl }) {
  return page.evaluate(async ({ sanitize: viaParseSvg, markup: text, moduleUrl: url }) => {
    const { parseSvg } = await import(url);
    const svg = viaParseSvg
      ? parseSvg(text)
      : document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true);
    document.body.append(svg);
    for (const a of svg.querySelectorAll('a')) a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    svg.querySelector('rect').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const attributes = [...svg.querySelectorAll('*'), svg].flatMap((node) => [...node.attributes].map((a) => a.name));
    return {
      ran: [...window.pwned].sort(),
      elements: [...svg.querySelectorAll('*')].map((node) => node.localName),
      attributes: [...new Set(attributes)].sort(),
      texts: [...svg.querySelectorAll('text')].map((node) => node.textContent),
    };
  }, { sanitize, markup, moduleUrl });
}

test('parseSvg keeps the drawing and drops every script, handler and link', async () => {
  // As it is, the markup runs script on a page without a CSP, by each way
  // parseSvg removes (a handler, a javascript: link, foreignObject): the
  // checks below are real ones.
  const raw = await blankPage();
  const unsafe = await insertAndPoke(raw.page, { sanitize: false, markup: HOSTILE, moduleUrl });
  for (const way of ['rect onclick', 'a href', 'foreignObject']) assert.ok(unsafe.ran.includes(way), `the raw markup ran ${way} (ran: ${unsafe.ran.join(', ')})`);
  await raw.context.close();

  const { page, context } = await blankPage();
  const safe = await insertAndPoke(page, { sanitize: true, markup: HOSTILE, moduleUrl });
  assert.deepEqual(safe.ran, [], 'nothing ran');
  assert.deepEqual(safe.elements, ['image', 'a', 'text', 'a', 'text', 'rect', 'set'], 'script and foreignObject are gone, the rest is kept');
  assert.deepEqual(safe.attributes.filter((name) => /^on|href$/i.test(name)), [], 'no handler or link attribute is left');
  assert.deepEqual(safe.texts, ['link', 'elsewhere']);
  assert.ok(safe.attributes.includes('fill') && safe.attributes.includes('viewBox'), 'drawing attributes stay');
  await context.close();
});

test('parseSvg returns null for markup that is not one SVG document', async () => {
  const { page, context } = await blankPage();
  const results = await page.evaluate(async (url) => {
    const { parseSvg } = await import(url);
    return [
      '', // empty
      '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', // not well-formed
      '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', // not SVG
      '<svg xmlns="http://www.w3.org/2000/svg"/><svg xmlns="http://www.w3.org/2000/svg"/>', // two roots
    ].map((markup) => parseSvg(markup));
  }, moduleUrl);
  assert.deepEqual(results, [null, null, null, null]);
  await context.close();
});

test('parseSvg hides a decorative SVG from screen readers and leaves any other as it came', async () => {
  const { page, context } = await blankPage();
  const markup = '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="chart"><rect width="1" height="1"/></svg>';
  const [decorative, chart] = await page.evaluate(async ({ url, text }) => {
    const { parseSvg } = await import(url);
    const read = (svg) => ({ hidden: svg.getAttribute('aria-hidden'), focusable: svg.getAttribute('focusable'), label: svg.getAttribute('aria-label') });
    return [read(parseSvg(text, { decorative: true })), read(parseSvg(text))];
  }, { url: moduleUrl, text: markup });
  assert.deepEqual(decorative, { hidden: 'true', focusable: 'false', label: 'chart' });
  assert.deepEqual(chart, { hidden: null, focusable: null, label: 'chart' });
  await context.close();
});

test('the same markup twice gives two separate copies, each as cleaned as the first', async () => {
  // parseSvg keeps the cleaned drawing of recent markup for the next widget
  // that asks: each must get its own copy, and the copy must be as clean.
  const { page, context } = await blankPage();
  const result = await page.evaluate(async ({ url, text }) => {
    const { parseSvg } = await import(url);
    const first = parseSvg(text, { decorative: true });
    const second = parseSvg(text, { decorative: true });
    document.body.append(first, second);
    first.querySelector('rect').setAttribute('fill', 'blue');
    for (const svg of [first, second]) svg.querySelector('rect').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const names = (svg) => [...svg.querySelectorAll('*'), svg].flatMap((node) => [...node.attributes].map((a) => a.name));
    return {
      same: first === second,
      fills: [first, second].map((svg) => svg.querySelector('rect').getAttribute('fill')),
      elements: [...second.querySelectorAll('*')].map((node) => node.localName),
      risky: names(second).filter((name) => /^on|href$/i.test(name)),
      hidden: second.getAttribute('aria-hidden'),
      ran: [...window.pwned],
    };
  }, { url: moduleUrl, text: HOSTILE });
  assert.equal(result.same, false);
  assert.deepEqual(result.fills, ['blue', '#c2410c'], 'changing one copy leaves the other as drawn');
  assert.deepEqual(result.elements, ['image', 'a', 'text', 'a', 'text', 'rect', 'set']);
  assert.deepEqual(result.risky, []);
  assert.equal(result.hidden, 'true');
  assert.deepEqual(result.ran, []);
  await context.close();
});
