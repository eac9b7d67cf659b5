// How the generated site's pages load their widgets (the editor's snippet,
// kifu/embed.js, does the same for any page, all at once). The progress and
// counter cards at the top are prerendered and go live at once: the
// campaign's definition, its feed and the core start here, before the widget
// modules arrive. The estimator and the forecast sit far down the campaign
// page and bring their own wasm modules (about 170 KB gzip together), so
// they are defined when they come within a window's height of the screen:
// a visitor who reads only the total does not download their code (only the
// forecast's worker starts early, once the page is idle; below). Their box is
// kept by the site's CSS (web/styles/pages.css), so defining them late moves
// nothing.
import { prefetchCampaigns } from '../kifu/campaign-prefetch.js';
import { defineWidget } from '../kifu/widget-loader.js';

// One window's height ahead of the screen, above and below.
const NEAR = '100% 0px';
// One and a half for the forecast's worker, which needs a head start
// (below): a reader scrolling down before the page is idle starts it half a
// window before the forecast is defined.
const FORECAST_WORKER_NEAR = '150% 0px';
// The longest the idle start of the forecast's worker waits after load.
const IDLE_WAIT_MS = 3000;

// Resolves false when the module did not load (said in the console).
function define(name) {
  return defineWidget(name).then(() => true, (error) => {
    console.warn(`<kifu-${name}>: its module did not load: ${error?.message ?? error}`);
    return false;
  });
}

prefetchCampaigns(document, new Map(), { histories: false }); // the forecast, far down, fetches its own when near
const cards = document.querySelector('kifu-progress, kifu-counter');
if (cards) import('../kifu/core.js').then((core) => core.loadCore().catch(() => {})); // the widget loads it again and reports a failure
for (const name of ['progress', 'counter']) {
  if (document.querySelector(`kifu-${name}`)) define(name);
}

// A shared link that carries the estimator's figures (#e-…, see
// kifu-estimator.js) is opened for the estimate: the estimator loads at once.
const sharedEstimate = /(^#|&)e-/.test(window.location.hash);
const later = [...document.querySelectorAll('kifu-estimator, kifu-forecast')].filter((element) => {
  if (sharedEstimate && element.localName === 'kifu-estimator') {
    import('../kifu/core.js').then((core) => core.loadEstimatorCore().catch(() => {}));
    define('estimator');
    return false;
  }
  return true;
});
if (later.length > 0) {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      const name = entry.target.localName.slice('kifu-'.length);
      if (name === 'estimator') import('../kifu/core.js').then((core) => core.loadEstimatorCore().catch(() => {}));
      // A failed load (a network blip) is tried again when the element next
      // comes near the screen, rather than leaving its box empty for good.
      define(name).then((ok) => ok || observer.observe(entry.target));
    }
  }, { rootMargin: NEAR });
  for (const element of later) observer.observe(element);
}

// The forecast's worker starts ahead of the element: its first partial
// result is only quick when the worker has compiled and warmed up its module
// before the element asks (forecast-worker.js). So it starts when the page
// has loaded, the top's total is live and the browser is idle, or
// when the forecast comes within one and a half window heights of the
// screen, whichever is sooner. A visitor who asked to save data
// (Save-Data) gets it only when scrolling near: about 90 KB for a part of
// the page they may not reach.
const forecast = document.querySelector('kifu-forecast');
if (forecast) {
  const lang = /^en\b/i.test(forecast.getAttribute('lang') ?? '') ? 'en' : 'ja';
  let started = false;
  const startWorker = () => {
    if (started) return;
    started = true;
    approach.disconnect();
    import('../kifu/forecast-worker.js').then(({ startPageWorker }) => startPageWorker(lang), () => {}); // else the element starts it
  };
  const approach = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) startWorker();
  }, { rootMargin: FORECAST_WORKER_NEAR });
  approach.observe(forecast);
  if (!navigator.connection?.saveData) {
    const whenIdle = () => {
      if (window.requestIdleCallback) window.requestIdleCallback(startWorker, { timeout: IDLE_WAIT_MS });
      else setTimeout(startWorker, IDLE_WAIT_MS / 3); // no idle callbacks (Safari): soon after load
    };
    // After the load event and the top's live total (or its failure): started
    // at load, its download and compile competed with the page's first paint
    // and live total on a 2-core machine (build-scripts/lib/bench-site.mjs
    // times both).
    const loaded = new Promise((resolve) => {
      if (document.readyState === 'complete') resolve();
      else window.addEventListener('load', resolve, { once: true });
    });
    const topLive = new Promise((resolve) => {
      if (cards) {
        document.addEventListener('kifu-update', resolve, { once: true });
        document.addEventListener('kifu-error', resolve, { once: true });
        setTimeout(resolve, IDLE_WAIT_MS); // a feed that never answers
      } else {
        resolve();
      }
    });
    Promise.all([loaded, topLive]).then(whenIdle);
  }
}
