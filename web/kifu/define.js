// Registers every widget of widgets.js as kifu-<name>. Safe to load twice
// (two snippets on one page, or the embed script and a page's own import):
// a second define() would throw, so a tag already defined is left alone.
import * as widgets from './widgets.js';

/**
 * The widget names, progress first (the default where one is chosen), then
 * the others in alphabetical order (a module namespace's keys are sorted).
 */
export const WIDGET_NAMES = Object.freeze(Object.keys(widgets).sort((a, b) => (b === 'progress') - (a === 'progress')));

/** The element class a widget module exports (its default, or its one HTMLElement subclass). */
export function elementClass(module) {
  if (typeof module.default === 'function') return module.default;
  return Object.values(module).find((value) => typeof value === 'function' && value.prototype instanceof HTMLElement);
}

for (const name of WIDGET_NAMES) {
  const tag = `kifu-${name}`;
  const element = elementClass(widgets[name]);
  if (element && !customElements.get(tag)) customElements.define(tag, element);
}

// Kept for pages that imported the class from here before widgets.js existed.
export { KifuProgressElement } from './kifu-progress.js';
