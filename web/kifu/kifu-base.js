// The modules every page of Kifu widgets needs, as one module: embed.js and
// the widgets' own imports all lead here. Here in web/ it only re-exports
// them, each still its own file. The site build (build-scripts/lib/
// bundle-modules.mjs) makes this file one download holding all of them, and
// turns each module listed below into a re-export from it: every URL keeps
// working, and each module still runs once per page, whichever URL a page
// imports it by.
//
// Why one file: on a fresh page the widget's first live total waited for
// ten modules after embed.js, and each request costs the browser and the
// server time while the page has none to spare. One file instead of ten
// brought the live number from 1.71 to 1.54 times the plain-JavaScript
// baseline (one widget, 21 loads each, same run), and from 2.67 to 2.09
// with ten widgets.
//
// One line per module, `export * as <name> from './<file>';` (the build
// reads these lines).
export * as feedPoller from './feed-poller.js';
export * as campaignPrefetch from './campaign-prefetch.js';
export * as corePrefetch from './core-prefetch.js';
export * as kifuCore from './kifu-core.mjs';
export * as recentAnswers from './recent-answers.js';
export * as core from './core.js';
export * as widgetStyle from './widget-style.js';
export * as campaignElement from './campaign-element.js';
export * as widgets from './widgets.js';
export * as widgetLoader from './widget-loader.js';
export * as kifuProgress from './kifu-progress.js';
export * as kifuCounter from './kifu-counter.js';
