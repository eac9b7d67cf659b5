// Defines widgets from the registry (widgets.js) as their modules load.
// Defining twice is harmless (two snippets on one page, or the embed script
// and a page's own import): a tag already defined is left alone.
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

const loading = new Map();

/** Loads the widget's module (once) and defines kifu-<name>. */
export function defineWidget(name) {
  if (!loading.has(name)) {
    const done = widgets[name]().then((module) => {
      const tag = `kifu-${name}`;
      const element = elementClass(module);
      if (element && !customElements.get(tag)) customElements.define(tag, element);
    });
    // A failed download is tried again when the tag shows up again.
    done.catch(() => loading.delete(name));
    loading.set(name, done);
  }
  return loading.get(name);
}

/**
 * Defines the widgets whose tags are in the document now, and those of tags
 * added later (a MutationObserver watches until every widget is defined).
 * Resolves once the ones already on the page are defined.
 */
export function defineUsedWidgets(doc = document) {
  const pending = new Set(WIDGET_NAMES.filter((name) => !customElements.get(`kifu-${name}`)));
  const scan = () => {
    const found = [];
    for (const name of pending) {
      if (doc.getElementsByTagName(`kifu-${name}`).length > 0) {
        pending.delete(name);
        found.push(defineWidget(name).catch((error) => {
          pending.add(name);
          console.warn(`<kifu-${name}>: its module did not load: ${error?.message ?? error}`);
        }));
      }
    }
    return Promise.all(found);
  };
  const now = scan();
  if (pending.size > 0) {
    const observer = new MutationObserver(() => {
      scan();
      if (pending.size === 0) observer.disconnect();
    });
    observer.observe(doc, { childList: true, subtree: true });
  }
  return now;
}
