// The registry (widgets.js): one line per widget, kifu-<name>; each loads its module.
export const progress: () => Promise<typeof import('./kifu-progress.js')>;
export const counter: () => Promise<typeof import('./kifu-counter.js')>;
export const forecast: () => Promise<typeof import('./kifu-forecast.js')>;
export const estimator: () => Promise<typeof import('./kifu-estimator.js')>;
