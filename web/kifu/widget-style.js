// What every Kifu widget's shadow root shares: the theme (custom properties
// with light and dark defaults), the card, the status line, and the guard
// against the host page's CSS. Sheets are built once per page and adopted by
// every widget, so ten widgets parse their CSS once.
import { recentAnswers } from './recent-answers.js';

const sheets = new Map();

/** One constructed stylesheet per CSS text, shared by every shadow root. */
export function sheet(cssText) {
  let s = sheets.get(cssText);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(cssText);
    sheets.set(cssText, s);
  }
  return s;
}

// The widgets' fonts, behind --kifu-font. Japanese cards name the Japanese
// faces before system-ui, as Japanese pages usually do: kana, kanji and
// Latin then come from one face where one is installed (Hiragino on Apple
// systems, Noto Sans CJK JP on Android and Linux). Starting from system-ui
// (DejaVu Sans on Linux, no kana) sent every Japanese run through font
// fallback. Windows has none of the three and keeps system-ui. The site's
// CSS (web/styles/site.css) names the same.
export const FONTS = {
  default: 'system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", sans-serif',
  ja: '"Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", system-ui, -apple-system, "Yu Gothic", sans-serif',
};

const LIGHT = `
  --_accent: var(--kifu-accent, #c2410c);
  --_track: var(--kifu-track, #f3e6dc);
  --_text: var(--kifu-text, #1f2328);
  --_muted: var(--kifu-muted, #5b6168);
  --_background: var(--kifu-background, #ffffff);
  --_border: var(--kifu-border, #e7ddd4);
  --_stale: var(--kifu-stale, #9a3412);`;
const DARK = `
  --_accent: var(--kifu-accent-dark, var(--kifu-accent, #fb923c));
  --_track: var(--kifu-track-dark, #3b3430);
  --_text: var(--kifu-text-dark, #f2eee9);
  --_muted: var(--kifu-muted-dark, #b7afa7);
  --_background: var(--kifu-background-dark, #1d1b19);
  --_border: var(--kifu-border-dark, #3b3430);
  --_stale: var(--kifu-stale-dark, #fdba74);`;

export const BASE_STYLE = `
:host {${LIGHT}
  --_radius: var(--kifu-radius, 12px);
  display: block;
  max-width: 100%;
  /* The host page's layout never depends on what happens inside; the
     widget's own layout follows its width, not the viewport's. */
  contain: content;
  container-type: inline-size;
  /* A host rule such as "* { padding: 2em; border: 1px solid }" reaches the
     element itself (only the element: nothing crosses into the shadow root);
     these keep its box what the widget drew. */
  padding: 0 !important;
  border: 0 !important;
  box-sizing: border-box !important;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {${DARK}
  }
}
:host([theme="dark"]) {${DARK}
}
:host([hidden]) { display: none; }
/* Inherited properties do cross into the shadow root (font, line-height,
   letter-spacing, text-transform…): the card starts again from nothing. */
.card {
  all: initial;
  display: grid;
  box-sizing: border-box;
  gap: 0.25rem 1rem;
  padding: 1rem;
  font-family: var(--kifu-font, ${FONTS.default});
  font-size: var(--kifu-font-size, 16px);
  line-height: 1.5;
  color: var(--_text);
  background: var(--_background);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  overflow-wrap: anywhere;
}
/* all: initial also drops the language the card's lang attribute gives
   the typesetting (Blink and WebKit keep it in -webkit-locale): glyph forms
   for CJK text and line-breaking rules follow it. Set back here. */
.card:lang(ja) { -webkit-locale: "ja"; }
.card:lang(ja) { font-family: var(--kifu-font, ${FONTS.ja}); }
.card:lang(en) { -webkit-locale: "en"; }
* { box-sizing: border-box; }
p { margin: 0; }
[hidden] { display: none !important; }
.status { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; align-content: start; min-height: 3em; font-size: 0.875em; color: var(--_muted); }
.stale { color: var(--_stale); font-weight: 600; }
.sample {
  font-size: 0.75rem;
  padding: 0 0.4em;
  border: 1px solid currentColor;
  border-radius: 4px;
  color: var(--_muted);
}
.loading .skeleton {
  color: transparent;
  background: var(--_track);
  border-radius: 4px;
  justify-self: start;
}
.card.loading .pulse { animation: kifu-pulse 1.6s ease-in-out infinite alternate; }
@keyframes kifu-pulse { from { opacity: 1; } to { opacity: 0.55; } }
.changed { animation: kifu-changed 1.2s ease-out; }
@keyframes kifu-changed { from { color: var(--_accent); } to { color: var(--_text); } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
:host([reduced-motion]) *, :host([reduced-motion]) *::before, :host([reduced-motion]) *::after {
  animation: none !important;
  transition: none !important;
}
.visually-hidden {
  all: initial; /* nothing inherited from the host either */
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
`;

/** An element with a class and, when given, its part names. */
export function el(tag, className, part) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (part) node.setAttribute('part', part);
  return node;
}

// Writes only what changed: re-rendering every 30 s must not disturb
// selections, screen readers or layout.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
export function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Restarts the short highlight on a number that changed. */
export function flash(node) {
  node.classList.remove('changed');
  void node.offsetWidth; // forces the removal to apply, so the animation restarts
  node.classList.add('changed');
}

function parseClean(markup, decorative) {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    if (node.localName === 'script' || node.localName === 'foreignObject') {
      node.remove();
      continue;
    }
    for (const { name, value } of [...node.attributes]) {
      if (/^on/i.test(name) || /^\s*javascript:/i.test(value) || /href$/i.test(name)) node.removeAttribute(name);
    }
  }
  if (decorative) {
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
  }
  return document.importNode(svg, true);
}

// Ten widgets of one campaign often draw the same picture, and each poll
// redraws them all: the markup is parsed and cleaned once, and each widget
// gets a copy (a clone costs a fraction of an XML parse, ~0.9 ms per widget
// in a profile of the ten-widget page). The newest few are kept: a new
// total brings new markup.
const parsed = recentAnswers(8); // decorative flag + markup -> the cleaned <svg>, or null

// The SVG comes from our own core, which escapes the text it draws; it is
// still parsed as XML and stripped of anything executable or linking
// (script, foreignObject, on* handlers, javascript: values, href), so that a
// bug in the core or a tampered snapshot can never become script or a link
// on the host page. `decorative`: hidden from screen readers (the widget
// says the same in text). Null when the markup is not one SVG document.
export function parseSvg(markup, { decorative = false } = {}) {
  const svg = parsed(`${decorative ? 1 : 0}${markup}`, () => parseClean(markup, decorative));
  return svg && svg.cloneNode(true);
}
