// Debian's Chromium under playwright-core, with the flags that keep it from
// reaching for the (closed) network, and a page context pinned to Japan so
// dates and ages read the same on every machine.
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
