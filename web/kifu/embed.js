// The script an editor pastes: <script type="module" src=".../kifu/v1/embed.js">.
// It defines the elements whose tags are on the page (and those added
// later), so a page with only <kifu-progress> never fetches the estimator's
// or the forecast's code; every asset is found next to this file, so the
// snippet needs no configuration and works from another origin.
//
// The imports below are what the live-total widgets share (and already
// imported deeper in the graph); naming them here lets the browser fetch
// them all, the wasm glue included, in the second wave.
import './kifu-core.mjs';
import './core.js';
import './feed-poller.js';
import './widget-style.js';
import './campaign-element.js';
import { defineUsedWidgets } from './widget-loader.js';

defineUsedWidgets();

export { WIDGET_NAMES } from './widget-loader.js';
