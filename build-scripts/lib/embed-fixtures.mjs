// Test fixtures for embedding: a stand-in for an editor's page on another
// origin (its own server and CSP), and the pages the embed tests paste
// snippets into.
import http from 'node:http';

import { launchChromium } from './browser.mjs';
import { startServer } from './static-server.mjs';
import { copySite } from './test-support.mjs';

/**
 * Serves `pages` ({ '/path': html }) on 127.0.0.1 with the given CSP, as a
 * third-party site would. Returns its origin and a close function.
 */
export async function startHostSite(pages, { csp = null } = {}) {
  const server = http.createServer((req, res) => {
    const html = pages[(req.url ?? '/').split('?')[0]];
    if (html === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    if (csp) headers['Content-Security-Policy'] = csp;
    res.writeHead(200, headers);
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    setPage: (pathName, html) => {
      pages[pathName] = html;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The cross-origin setting the embed tests share: the Kifu files (a copy of
 * build/site) served on one origin, an editor's site on another whose CSP
 * lets in scripts from the first and WebAssembly (and, with `frames`, iframes
 * from it), and Chromium. Returns { kifu (origin), host, browser, close }.
 */
export async function startTwoOrigins({ frames = false } = {}) {
  const site = await copySite();
  const server = await startServer({ root: site.dir, port: 0 });
  const kifu = server.url.slice(0, -1);
  const csp = `script-src 'self' ${kifu} 'wasm-unsafe-eval'${frames ? `; frame-src ${kifu}` : ''}`;
  const host = await startHostSite({}, { csp });
  const browser = await launchChromium();
  return {
    kifu,
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
      await server.close();
      await site.remove();
    },
  };
}

/** A whole page around some body HTML (no inline script, ever). */
export function hostPage(body, { lang = 'ja', head = '' } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>A host page</title><link rel="icon" href="data:,">${head}</head><body><main><h1>A host page</h1>\n${body}\n</main></body></html>\n`;
}

/** Reads a widget's big number through its shadow root (runs in the page). */
export function amountOf(element) {
  return element.shadowRoot?.querySelector('[part~="amount"]')?.textContent ?? null;
}

/** Waits until every Kifu widget on the page shows something other than its placeholder. */
export function waitForLiveWidgets(page, count, timeout = 20_000) {
  return page.waitForFunction(
    (n) => {
      const all = [];
      const collect = (root) => {
        for (const el of root.querySelectorAll('*')) if (el.localName.startsWith('kifu-')) all.push(el);
      };
      collect(document);
      return all.length >= n && all.every((el) => {
        const root = el.shadowRoot;
        return root && !root.querySelector('.loading') && root.querySelector('[part~="stale"]')?.hidden !== false;
      });
    },
    count,
    { timeout },
  );
}
