// The script an editor pastes: <script type="module" src=".../kifu/v1/embed.js">.
// It defines the elements whose tags are on the page (and those added
// later), so a page with only <kifu-progress> never fetches the estimator's
// or the forecast's code; every asset is found next to this file, so the
// snippet needs no configuration and works from another origin.
//
// The live number waits for three things: the campaign's definition, then
// its feed, and the wasm module. All three start here, at once, before the
// widget modules have arrived: the imports below are small. The wasm is
// fetched and compiled (streaming) by core-prefetch.js from here on; the
// glue and core.js, which instantiate it, load beside it.
import { compileCore } from './core-prefetch.js';
import { prefetchCampaigns } from './campaign-prefetch.js';
import { defineUsedWidgets } from './widget-loader.js';
// The imports of the two above, named here only so that the browser fetches
// them in the same wave as their importers instead of one wave later: this
// script runs once its whole import graph has arrived.
import './feed-poller.js';
import './widgets.js';

// The live totals need the core, the estimator its own module; the forecast
// loads its own in its worker.
const progress = document.querySelector('kifu-progress, kifu-counter');
const estimator = document.querySelector('kifu-estimator');
if (progress) compileCore().catch(() => {}); // the widget asks again and reports a failure
prefetchCampaigns();
if (progress || estimator) {
  import('./core.js').then((core) => {
    if (progress) core.loadCore().catch(() => {});
    if (estimator) core.loadEstimatorCore().catch(() => {});
  });
}
if (progress) {
  // What the progress and counter modules import (the element base, its
  // styles, the glue), requested now beside the widget's own module rather
  // than a wave or two of imports after it. Failures are the widget's to report.
  for (const load of [() => import('./campaign-element.js'), () => import('./widget-style.js'), () => import('./kifu-core.mjs')]) {
    load().catch(() => {});
  }
}
defineUsedWidgets();

export { WIDGET_NAMES } from './widget-loader.js';
