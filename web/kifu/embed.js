// The script an editor pastes: <script type="module" src=".../kifu/v1/embed.js">.
// It defines the elements whose tags are on the page (and those added
// later), so a page with only <kifu-progress> never fetches the estimator's
// or the forecast's code; every asset is found next to this file, so the
// snippet needs no configuration and works from another origin.
//
// The live number waits for three things: the campaign's definition, then
// its feed, and the wasm module. All three start here, at once, before the
// widget modules have arrived: the imports below are small, and the core
// (glue and wasm, instantiated while it downloads) is started without
// making this script wait for it.
import { prefetchCampaigns } from './campaign-prefetch.js';
import { defineUsedWidgets } from './widget-loader.js';

prefetchCampaigns();
// Every widget but the forecast (which has a module of its own) needs the core.
if (document.querySelector('kifu-progress, kifu-counter, kifu-estimator')) {
  import('./core.js').then(({ loadCore }) => loadCore()).catch(() => {
    // The widget loads it again and reports the failure.
  });
}
defineUsedWidgets();

export { WIDGET_NAMES } from './widget-loader.js';
