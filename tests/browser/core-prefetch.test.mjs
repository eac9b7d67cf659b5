// The snippet (embed.js) requests kifu-core.wasm and the campaign's
// definition itself, before any module it loads; core-prefetch.js compiles
// that wasm and core.js instantiates it: one request, also when the server
// does not say application/wasm (the module compiles from the bytes, read to
// the end, whatever the type says), and a failed download leaves the widget
// with its fallback, not a hang.
// Host page and files on two origins, under the strict CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { hostPage, startTwoOrigins, waitForLiveWidgets } from '../../build-scripts/lib/embed-fixtures.mjs';
import { newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';

let origins;
let kifu;
let host;
let browser;

before(async () => {
  origins = await startTwoOrigins();
  ({ kifu, host, browser } = origins);
});

after(() => origins?.close());

const DEMO = '/campaigns/animal-center/campaign.json';

async function open(name, { route, routes = {}, init = null, widgets = 1 } = {}) {
  const tags = Array.from({ length: widgets }, () => `<kifu-progress campaign="${kifu}${DEMO}" lang="ja" variant="bar"></kifu-progress>`);
  host.setPage(name, hostPage(`<script type="module" src="${kifu}/kifu/v1/embed.js"></script>\n${tags.join('\n')}`));
  const context = await newJapanContext(browser);
  for (const script of [init ?? []].flat()) await context.addInitScript(script);
  const page = await context.newPage();
  const requested = [];
  const finished = []; // responses the network has read to the end
  if (route) await page.route('**/kifu-core.wasm', route);
  for (const [pattern, handler] of Object.entries(routes)) await page.route(pattern, (r) => handler(r, requested, finished, page));
  page.on('request', (request) => {
    if (request.url().startsWith(kifu)) requested.push(new URL(request.url()).pathname);
  });
  page.on('requestfinished', (request) => {
    if (request.url().startsWith(kifu)) finished.push(new URL(request.url()).pathname);
  });
  const console = watchConsole(page);
  await page.goto(`${host.origin}${name}`);
  return { page, context, requested, console };
}

describe('kifu-core.wasm, started by the snippet', { concurrency: true }, () => {
  test('is requested, with the definition, by embed.js itself: before any other module', async () => {
    const { page, context, requested, console } = await open('/first-wave');
    await waitForLiveWidgets(page, 1);
    const at = (p) => requested.indexOf(p);
    assert.equal(at('/kifu/v1/embed.js'), 0, requested.join(' '));
    // The next two requests are embed.js's own fetches, in its order: the
    // definition first (the feed waits for it), then the wasm.
    assert.deepEqual(requested.slice(1, 3), [DEMO, '/kifu/v1/kifu-core.wasm']);
    assert.equal(requested.filter((p) => p === DEMO).length, 1, requested.join(' '));
    assert.deepEqual(console.problems, []);
    await context.close();
  });

  test('the feed is requested by embed.js as soon as the definition names it, not after the modules, and only once', async () => {
    // kifu-base.js (the modules every widget imports, campaign-prefetch.js
    // among them, which starts the feed when no snippet did) is held back
    // until the feed has been requested, or 10 s: the feed must be on the
    // wire while it is held.
    // (A fixed one-second hold failed once under the whole suite's load.)
    let feedBeforePrefetch = null;
    const { page, context, requested, console } = await open('/feed-early', {
      routes: {
        '**/kifu-base.js': async (route, requestedSoFar) => {
          const feedSeen = () => requestedSoFar.some((p) => p.endsWith('/feed.json'));
          for (const until = Date.now() + 10_000; !feedSeen() && Date.now() < until;) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          feedBeforePrefetch = feedSeen();
          await route.continue();
        },
      },
    });
    await waitForLiveWidgets(page, 1);
    assert.equal(feedBeforePrefetch, true, requested.join(' '));
    const feeds = requested.filter((p) => p.endsWith('/feed.json'));
    assert.equal(feeds.length, 1, requested.join(' '));
    assert.deepEqual(console.problems, []);
    await context.close();
  });

  test('with the definition, feed and wasm already there, the task that defines the widgets ends with the live total: no frame of placeholders can come between', async () => {
    // kifu-base.js is held back until the feed and the wasm have arrived, as
    // on a page whose modules come from a slower host. The compile and the
    // feed's text must then be ready without a task of their own: when either
    // answered in one (compileStreaming, a Response's text()), the browser
    // could draw a frame of placeholders first, and in the ten-widget bench it
    // often did.
    // A frame cannot come between microtasks, so the page looks after
    // thousands of them, still inside the defining task.
    const { page, context, requested, console } = await open('/no-placeholder-frame', {
      widgets: 3,
      init: [recordFrames, () => {
        const define = customElements.define.bind(customElements);
        customElements.define = (name, ...rest) => {
          define(name, ...rest);
          if (name !== 'kifu-progress') return;
          (async () => {
            for (let i = 0; i < 5000; i += 1) await null;
            window.kifuAtEndOfTask = window.kifuWidgetStates().join(' ');
          })();
        };
      }],
      routes: {
        '**/kifu-base.js': async (route, _requested, finished) => {
          const arrived = () => ['/feed.json', '/kifu-core.wasm'].every((end) => finished.some((p) => p.endsWith(end)));
          for (const until = Date.now() + 10_000; !arrived() && Date.now() < until;) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          // And a moment for the page to read them.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await route.continue();
        },
      },
    });
    await waitForLiveWidgets(page, 3);
    const states = await page.evaluate(() => window.kifuAtEndOfTask);
    assert.equal(states, 'live live live', requested.join(' '));
    assert.deepEqual(console.problems, []);
    await context.close();
  });

  test('a browser that refuses to compile 90 KB synchronously (older Chromium: over 4 KB) still shows the live total', async () => {
    const { page, context, console } = await open('/no-sync-compile', {
      init: () => {
        WebAssembly.Module = new Proxy(WebAssembly.Module, {
          construct(target, args) {
            if (args[0]?.byteLength > 4096) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.');
            return Reflect.construct(target, args);
          },
        });
      },
    });
    await waitForLiveWidgets(page, 1);
    assert.deepEqual(console.problems, []);
    await context.close();
  });

  test('embed.js names the same widgets as widget-loader.js', async () => {
    const { page, context } = await open('/names');
    const [fromEmbed, fromLoader] = await page.evaluate(async (base) => [
      (await import(`${base}/kifu/v1/embed.js`)).WIDGET_NAMES,
      (await import(`${base}/kifu/v1/widget-loader.js`)).WIDGET_NAMES,
    ], kifu);
    assert.deepEqual(fromEmbed, fromLoader);
    assert.equal(fromEmbed.length, 4);
    await context.close();
  });

  test('is requested once, before kifu-base.js, which holds core.js and the glue', async () => {
    const { page, context, requested, console } = await open('/early');
    await waitForLiveWidgets(page, 1);
    const wasm = requested.filter((p) => p === '/kifu/v1/kifu-core.wasm');
    assert.equal(wasm.length, 1, requested.join(' '));
    const at = (file) => requested.indexOf(`/kifu/v1/${file}`);
    assert.ok(at('kifu-core.wasm') > 0 && at('kifu-core.wasm') < at('kifu-base.js'), requested.join(' '));
    // Their code comes in kifu-base.js: their own files are not fetched.
    for (const file of ['core.js', 'kifu-core.mjs', 'core-prefetch.js']) assert.equal(at(file), -1, `${file} in ${requested.join(' ')}`);
    assert.deepEqual(console.problems, []);
    await context.close();
  });

  test('served as application/octet-stream, it still works from the one download', async () => {
    const { page, context, requested } = await open('/octet', {
      route: async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
      },
    });
    await waitForLiveWidgets(page, 1);
    assert.equal(requested.filter((p) => p === '/kifu/v1/kifu-core.wasm').length, 1, requested.join(' '));
    await context.close();
  });

  test('a failed download leaves the widget out of its placeholder, marked stale', async () => {
    const { page, context, console } = await open('/no-wasm', { route: (route) => route.fulfill({ status: 404, body: 'gone' }) });
    // The widget's own fallback (a first visit has no saved total): its
    // stale note shows, and it says why in the console.
    await page.waitForFunction(() => {
      const root = document.querySelector('kifu-progress')?.shadowRoot;
      return root && !root.querySelector('[part~="stale"]')?.hidden;
    }, null, { timeout: 15_000 });
    assert.ok(console.warnings.some((w) => /module did not load/.test(w)), console.warnings.join('\n'));
    await context.close();
  });
  test('a kifu-core.wasm that does not fit its glue (a cache half updated) fails the widget with its note, not a hang', async () => {
    // The estimator's wasm: a valid module whose imports are not kifu-core's,
    // so instantiating it throws (the glue alone would log that and wait forever).
    const { page, context, console } = await open('/wrong-wasm', {
      route: async (route) => route.fulfill({ response: await route.fetch({ url: route.request().url().replace('kifu-core.wasm', 'kifu-estimator.wasm') }) }),
    });
    const note = await page.waitForFunction(() => {
      const stale = document.querySelector('kifu-progress')?.shadowRoot?.querySelector('[part~="stale"]');
      return stale && !stale.hidden && stale.textContent;
    }, null, { timeout: 15_000 }).then((h) => h.jsonValue());
    assert.match(note, /集計を読み込めませんでした/);
    assert.ok(console.warnings.some((w) => /module did not load: .*(Import|Link|import)/.test(w)), console.warnings.join('\n'));
    await context.close();
  });
});

// What each widget shows: 'undefined', 'placeholder', 'live' or 'stale',
// one word each. Read as each frame starts (window.kifuFrames), until all
// are live. And when kifu-core.wasm is compiled: embed.js compiles it the
// moment kifu-base.js (the widgets' code) has run, so the widgets could be
// defined.
function recordFrames() {
  window.kifuWidgetStates = () => [...document.querySelectorAll('kifu-progress')].map((el) => {
    const root = el.shadowRoot;
    if (!root) return 'undefined';
    if (root.querySelector('.loading')) return 'placeholder';
    return root.querySelector('[part~="stale"]')?.hidden ? 'live' : 'stale';
  });
  window.kifuFrames = [];
  const look = () => {
    const states = window.kifuWidgetStates();
    window.kifuFrames.push(states.join(' '));
    if (!states.length || states.some((s) => s !== 'live')) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  WebAssembly.Module = new Proxy(WebAssembly.Module, {
    construct(target, args) {
      window.kifuCodeRan = true;
      return Reflect.construct(target, args);
    },
  });
}

// What each frame showed on a page of three widgets, until all were live,
// when their feed is held until their code has run (seen by the page a frame
// later at the soonest), then `ms` more.
async function framesWithFeedAfterCode(name, ms) {
  const { page, context, console } = await open(name, {
    widgets: 3,
    init: recordFrames,
    routes: {
      '**/feed.json': async (route, _requested, _finished, held) => {
        await held.waitForFunction(() => window.kifuCodeRan, null, { timeout: 10_000 });
        await new Promise((resolve) => setTimeout(resolve, ms));
        await route.continue();
      },
    },
  });
  await waitForLiveWidgets(page, 3);
  const frames = await page.evaluate(() => window.kifuFrames);
  assert.deepEqual(console.problems, []);
  await context.close();
  return frames;
}

describe('the snippet defines the widgets', () => {
  test('when the feed is moments behind their code, the widgets wait for it: no frame of placeholders flashes before the live total', async () => {
    // Defined at once, they would be placeholders by the time the feed comes.
    const frames = await framesWithFeedAfterCode('/feed-moments-behind', 0);
    assert.ok(!frames.some((f) => f.includes('placeholder')), frames.join(' | '));
    assert.equal(frames.at(-1), 'live live live');
  });

  test('when the feed is slow, they do not wait for it long: placeholders first, then the live total', async () => {
    const frames = await framesWithFeedAfterCode('/feed-slow', 1500);
    const placeholders = frames.indexOf('placeholder placeholder placeholder');
    assert.ok(placeholders >= 0 && placeholders < frames.indexOf('live live live'), frames.join(' | '));
  });

  test('a total saved by an earlier visit is found, so its widgets are defined at once to paint it', async () => {
    const { page, context } = await open('/saved-first');
    await waitForLiveWidgets(page, 1);
    const found = await page.evaluate(async ({ base, url }) => {
      const { campaignElement } = await import(`${base}/kifu/v1/kifu-base.js`);
      return [campaignElement.hasSavedView(url), campaignElement.hasSavedView(`${url}?another`)];
    }, { base: kifu, url: `${kifu}${DEMO}` });
    assert.deepEqual(found, [true, false]);
    await context.close();
  });
});
