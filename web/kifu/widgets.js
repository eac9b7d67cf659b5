// The widgets Kifu ships: one line each. The export name is the widget's
// name, its tag is kifu-<name>, and the function loads its module (which
// exports the element class). Functions, not static imports, so a page
// fetches only the widgets it uses (widget-loader.js). The loaders
// (define.js, embed.js), the iframe page (embed/) and the builder (builder/)
// all read this list; adding a widget here is all they need.
export const progress = () => import('./kifu-progress.js');
export const counter = () => import('./kifu-counter.js');
export const forecast = () => import('./kifu-forecast.js');
export const estimator = () => import('./kifu-estimator.js');
