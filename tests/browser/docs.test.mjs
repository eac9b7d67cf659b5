// The back-office docs (/docs/ and /en/docs/): served under the site's CSP,
// every link and anchor leads somewhere real (each schema among them), the
// two languages point at each other, and axe-core finds nothing in either
// colour scheme. The pages carry no script at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

const pages = {
  ja: { url: 'docs/', other: 'en/docs/', file: path.join(repoRoot, 'web', 'docs', 'index.html') },
  en: { url: 'en/docs/', other: 'docs/', file: path.join(repoRoot, 'web', 'en', 'docs', 'index.html') },
};
const schemas = ['campaign', 'feed', 'history', 'record'];

let server;
let browser;

before(async () => {
  // The built site: the pages are web/'s files, and the home pages they link
  // to are generated (web/ has none).
  server = await startServer({ root: requireSite(), port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [lang, page] of Object.entries(pages)) {
  describe(`the ${lang} docs page`, () => {
    test('has no script, no inline style and no event handler attributes', () => {
      const html = readFileSync(page.file, 'utf8');
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /\sstyle=/i);
      assert.doesNotMatch(html, /\son[a-z]+=/i);
    });

    test('links every schema, each served as JSON, and every link and anchor resolves', async () => {
      const context = await newJapanContext(browser);
      const tab = await context.newPage();
      const { problems } = watchConsole(tab);
      const response = await tab.goto(server.url + page.url);
      assert.equal(response.status(), 200);
      assert.equal(await tab.getAttribute('html', 'lang'), lang);
      const links = await tab.$$eval('a[href]', (as) => as.map((a) => ({ href: a.href, raw: a.getAttribute('href') })));
      for (const name of schemas) {
        const link = links.find((l) => l.href.endsWith(`/schemas/v1/${name}.schema.json`));
        assert.ok(link, `no link to ${name}.schema.json`);
        const r = await fetch(link.href);
        assert.equal(r.status, 200, link.href);
        assert.equal((await r.json()).$schema, 'https://json-schema.org/draft/2020-12/schema');
      }
      for (const { href, raw } of links) {
        if (raw.startsWith('#')) {
          assert.equal(await tab.locator(raw).count(), 1, `anchor ${raw}`);
        } else {
          assert.equal((await fetch(href)).status, 200, href);
        }
      }
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('the language switch leads to the other page, which links back', async () => {
      const context = await newJapanContext(browser);
      const tab = await context.newPage();
      await tab.goto(server.url + page.url);
      const other = lang === 'ja' ? 'en' : 'ja';
      await tab.locator(`header nav a[hreflang="${other}"]`).click();
      await tab.waitForURL(server.url + page.other);
      assert.equal(await tab.getAttribute('html', 'lang'), other);
      assert.equal(await tab.locator(`header nav a[hreflang="${lang}"]`).getAttribute('href'), lang === 'ja' ? '../../docs/' : '../en/docs/');
      await context.close();
    });

    test('axe-core finds no accessibility violations, light and dark', async () => {
      for (const colorScheme of ['light', 'dark']) {
        // bypassCSP only so that axe itself can be injected into the page.
        const context = await newJapanContext(browser, { colorScheme, bypassCSP: true });
        const tab = await context.newPage();
        await tab.goto(server.url + page.url);
        await tab.addScriptTag({ path: path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js') });
        const violations = await tab.evaluate(async () => {
          const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        assert.deepEqual(violations, [], `${colorScheme}: ${violations.join('\n')}`);
        await context.close();
      }
    });
  });
}
