// The registry (widgets.js): one line per widget, kifu-<name>.
export * as progress from './kifu-progress.js';
export * as counter from './kifu-counter.js';
export * as forecast from './kifu-forecast.js';
export * as estimator from './kifu-estimator.js';
