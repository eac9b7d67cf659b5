// The widgets Kifu ships: one line each. The export name is the widget's
// name, its tag is kifu-<name>, and its module exports the element class.
// The loader (define.js), the iframe page (embed/) and the builder (builder/)
// all read this list; adding a widget here is all they need.
export * as progress from './kifu-progress.js';
export * as counter from './kifu-counter.js';
export * as forecast from './kifu-forecast.js';
export * as estimator from './kifu-estimator.js';
