// Registers every widget of widgets.js as kifu-<name>; once this module has
// loaded (`await import('./define.js')`), every tag is defined. Safe to load
// twice. The snippet (embed.js) defines only the widgets a page uses.
import { WIDGET_NAMES, defineWidget } from './widget-loader.js';

export { WIDGET_NAMES, elementClass } from './widget-loader.js';

await Promise.all(WIDGET_NAMES.map(defineWidget));

// Kept for pages that imported the class from here before widgets.js existed.
export { KifuProgressElement } from './kifu-progress.js';
