// Debian's Chromium under playwright-core, with the flags that keep it from
// reaching for the (closed) network, and a page context pinned to Japan so
// dates and ages read the same on every machine.
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function newJapanContext(browser, options = {}) {
  return browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'ja-JP', ...options });
}

/**
 * Collects console errors and uncaught exceptions of a page; `problems` is
 * the list to assert empty on the happy path.
 */
export function watchConsole(page) {
  const problems = [];
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { problems, warnings };
}

/**
 * Records layout shift on every page of `target` (a page or a context): the
 * sum of layout-shift entries without recent input, and one line per moved
 * element, so a failing test says what jumped, when and by how much.
 * Check it with assertNoLayoutShift(page, what).
 */
export function recordLayoutShift(target) {
  return target.addInitScript(() => {
    const record = { total: 0, moves: [] };
    window.__kifuLayoutShift = record;
    const name = (node) => {
      if (!node) return '(gone)';
      if (node.nodeType !== 1) return `${node.nodeName} in ${name(node.parentElement)}`;
      const part = node.getAttribute('part');
      const own = `${node.localName}${node.id ? `#${node.id}` : ''}${node.classList.length ? `.${[...node.classList].join('.')}` : ''}${part ? `[part="${part}"]` : ''}`;
      const host = node.getRootNode().host;
      return host ? `${name(host)} >>> ${own}` : own;
    };
    const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        record.total += entry.value;
        for (const s of entry.sources) record.moves.push(`${Math.round(entry.startTime)} ms ${entry.value.toFixed(4)}: ${name(s.node)} ${box(s.previousRect)} -> ${box(s.currentRect)}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Fails, naming every element that moved, unless the page has not shifted. */
export async function assertNoLayoutShift(page, what) {
  const { total, moves } = await page.evaluate(() => window.__kifuLayoutShift);
  assert.ok(total === 0, `${what}: ${total}\n${moves.join('\n')}`);
}
