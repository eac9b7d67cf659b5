// The script an editor pastes: <script type="module" src=".../kifu/v1/embed.js">.
// It defines the elements; every asset is found next to this file, so the
// snippet needs no configuration and works from another origin.
//
// The imports below are already imported deeper in the graph; naming them
// here lets the browser fetch them all in the second wave (the wasm glue
// included) instead of discovering them one level at a time.
import './kifu-core.mjs';
import './core.js';
import './feed-poller.js';
import './widget-style.js';
import './campaign-element.js';
// The widget modules (widgets.js and define.js import them) and what they
// import: without these lines they came in a third and a fourth wave.
import './kifu-progress.js';
import './kifu-counter.js';
import './kifu-estimator.js';
import './kifu-forecast.js';
import './forecast-runner.js';
import './widgets.js';
import './define.js';

export { WIDGET_NAMES } from './define.js';
