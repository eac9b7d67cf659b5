// The script an editor pastes: <script type="module" src=".../kifu/v1/embed.js">.
// It defines the elements whose tags are on the page (and those added
// later), so a page with only <kifu-progress> never fetches the estimator's
// or the forecast's code; every asset is found next to this file, so the
// snippet needs no configuration and works from another origin.
//
// The live number waits for three things: the campaign's definition, then
// its feed, and the wasm module. This file has no static imports, so it runs
// as soon as it arrives: it requests the definitions and the wasm itself, at
// once, and each feed the moment its definition names it, reads them to the
// end, then hands them to the modules that keep them for the page
// (campaign-prefetch.js and feed-poller.js take the definitions and feeds,
// core-prefetch.js compiles the wasm). Those modules and the progress and
// counter widgets come in one file, kifu-base.js, requested beside the wasm;
// the hand-over runs before any widget is defined, so nothing is requested
// twice.

/** The widget names, progress first (widget-loader.js's WIDGET_NAMES; a browser test holds them equal). */
export const WIDGET_NAMES = Object.freeze(['progress', 'counter', 'estimator', 'forecast']);

// The widgets whose code is in kifu-base.js.
const IN_BASE = new Set(['progress', 'counter']);

const quiet = () => {}; // each widget asks again and reports a failure itself

// The forecast's worker, started now: the first partial forecast is quick
// only when the worker has compiled and warmed up its module before the
// element asks, a moment after its documents arrive (forecast-worker.js
// keeps it for the page). A page on another origin than these files cannot
// start it; the element then runs the forecast on the page. First of all
// requests: behind a dozen others, on a server that takes six at a time,
// its script once waited hundreds of milliseconds.
const forecast = document.querySelector('kifu-forecast');
let forecastWorker = null;
let forecastFailed = false; // its script did not load before the hand-over
if (forecast) {
  try {
    forecastWorker = new Worker(new URL('./forecast-runner.js', import.meta.url), { type: 'module' });
    forecastWorker.addEventListener('error', () => { forecastFailed = true; });
    forecastWorker.postMessage({ type: 'prepare', lang: /^en\b/i.test(forecast.getAttribute('lang') ?? '') ? 'en' : 'ja' });
  } catch {
    forecastWorker = null;
  }
}
// Handed over before any widget is defined (below), so no element starts a second one.
const forecastHandedOver = forecast
  ? import('./forecast-worker.js').then(({ adoptPageWorker }) => {
    adoptPageWorker(forecastWorker, { prepared: true, failedEarly: forecastFailed });
  }, quiet)
  : null;

// The live totals need the core, the estimator its own module; the forecast
// loads its own in its worker.
const progress = document.querySelector('kifu-progress, kifu-counter');
const estimator = document.querySelector('kifu-estimator');

// Definition URL -> its text; feed URL -> its reply. The requests are
// the ones campaign-prefetch.js (fetchDefinition) and feed-poller.js would
// make, made here a wave of imports sooner. Definitions go first: the feed
// waits for them, and the wasm downloads while they travel.
const definitions = new Map();
const feeds = new Map();
for (const element of document.querySelectorAll('[campaign]')) {
  if (!element.localName.startsWith('kifu-')) continue;
  let url;
  try {
    url = new URL(element.getAttribute('campaign'), document.baseURI).href;
  } catch {
    continue; // not a URL: the widget says so
  }
  if (definitions.has(url)) continue;
  const text = fetch(url, { cache: 'no-cache', credentials: 'omit' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  });
  definitions.set(url, text);
  // Registered before campaign-prefetch.js can look, so the feed is in the
  // map when it does. Nothing is judged here: a definition without a feed
  // address is left to the widget's validation.
  text.then((body) => {
    const feedUrl = new URL(JSON.parse(body).feed.url, url).href;
    // Read to the end here, as feed-poller.js's readFeedReply does.
    if (!feeds.has(feedUrl)) {
      feeds.set(feedUrl, fetch(feedUrl, { cache: 'no-cache', credentials: 'omit' }).then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        etag: response.headers.get('ETag'),
        text: response.ok ? await response.text() : null,
      })));
    }
    feeds.get(feedUrl).catch(quiet);
  }).catch(quiet);
}
// Read to the end here (core-prefetch.js's fetchCoreBytes, written out: this
// file imports nothing), so that the module compiles in whichever task finds
// the bytes there, with no wait for a read in between.
const wasmUrl = new URL('./kifu-core.wasm', import.meta.url).href;
const wasm = progress ? fetch(wasmUrl, { credentials: 'same-origin' }).then((response) => {
  if (!response.ok) throw new Error(`${wasmUrl}: HTTP ${response.status}`);
  return response.arrayBuffer();
}) : null;
wasm?.catch(quiet);

// The modules every widget needs, and the progress and counter widgets:
// one file in the built site.
const base = import('./kifu-base.js');
// The other widgets' own modules, when on the page, beside it.
for (const name of WIDGET_NAMES) {
  if (!IN_BASE.has(name) && document.querySelector(`kifu-${name}`)) import(`./kifu-${name}.js`).catch(quiet);
}

base.then(({ corePrefetch, campaignPrefetch, core }) => {
  // In this order: core.js's first loadCore() compiles whatever
  // core-prefetch.js holds (else a second download).
  if (wasm) corePrefetch.compileCore(wasm).catch(quiet);
  campaignPrefetch.prefetchCampaigns(document, definitions, { feeds });
  if (progress) core.loadCore().catch(quiet);
  if (estimator) core.loadEstimatorCore().catch(quiet);
}, quiet);
// Progress and counter widgets with nothing to paint before the live total
// (no total saved in this browser for their campaign, no snapshot) are
// defined once the feeds and the wasm have arrived, or HOLD_MS after their
// code at the latest, rather than at once. Defined at once, they drew a
// frame of placeholders that the live total replaced a moment later: a
// skeleton flashing on, and on a page of ten widgets one more layout of them
// all, while the live total waited (in the ten-widget bench, 18 of 31 loads
// drew one, and their live number came about 60 ms later: a scratch count;
// bench-embed.mjs prints the live ratio to the baseline). Until then the
// page's own :not(:defined) rule keeps the space (the guide shows it).
const HOLD_MS = 200;
function everythingArrived() {
  // A feed is in `feeds` from the moment its definition answers (in the
  // definition's own reaction, registered above before this one).
  return Promise.allSettled([...definitions.values(), wasm]).then(() => Promise.allSettled([...feeds.values()]));
}
const held = progress && base.then(({ campaignElement }) => {
  const early = document.querySelector('kifu-progress[snapshot], kifu-counter[snapshot]')
    || [...definitions.keys()].some((url) => campaignElement.hasSavedView(url));
  if (early) return undefined;
  return Promise.race([everythingArrived(), new Promise((resolve) => {
    setTimeout(resolve, HOLD_MS);
  })]);
});

// After the hand-overs above (registered first on the same promise), so the
// widgets find the definitions, feeds and wasm started here.
Promise.all([base, forecastHandedOver, held]).then(([{ widgetLoader }]) => widgetLoader.defineUsedWidgets(), (error) => {
  console.warn(`kifu embed.js: the widget modules did not load: ${error?.message ?? error}`);
});
