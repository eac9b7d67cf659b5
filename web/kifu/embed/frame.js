// The iframe embed: …/kifu/v1/embed/?campaign=URL&widget=progress&lang=ja&…
// Builds the one widget the query asks for, and tells the host page its
// height (host.js listens) so the frame never clips or leaves a gap. The
// page runs under our own CSP, whatever the host's: it needs neither inline
// script nor the host's permission for WebAssembly.
import { WIDGET_NAMES, defineWidget } from '../widget-loader.js';

const params = new URLSearchParams(location.search);
const widget = WIDGET_NAMES.includes(params.get('widget')) ? params.get('widget') : WIDGET_NAMES[0];
// Only the asked widget's module loads; its class says which attributes pass.
await defineWidget(widget);
const element = document.createElement(`kifu-${widget}`);
const lang = params.get('lang') === 'en' ? 'en' : 'ja';
document.documentElement.lang = lang;
document.title = lang === 'en' ? 'Donation progress — Kifu' : '寄付の状況 — Kifu';

// Only the element's own attributes pass: a query cannot add onclick or style.
const allowed = new Set(element.constructor.observedAttributes);
const VALUED = new Set(['campaign', 'snapshot', 'lang', 'variant', 'theme']);
VALUED.add('seed').add('paths'); // <kifu-forecast>'s numbers
for (const [name, value] of params) {
  if (!allowed.has(name)) continue;
  if (!VALUED.has(name)) {
    // Booleans: ?compact, ?compact=1, ?compact=true are on; 0 and false are off.
    if (value !== '0' && value !== 'false') element.setAttribute(name, '');
  } else if (name === 'campaign' || name === 'snapshot') {
    // Relative URLs are relative to this page.
    element.setAttribute(name, new URL(value, location.href).href);
  } else {
    element.setAttribute(name, value);
  }
}
element.setAttribute('lang', lang);
document.getElementById('widget').append(element);

// The host tells frames apart by the message's source window; the message
// holds only the height, so it does not matter who else receives it.
let sent = -1;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === sent || window.parent === window) return;
  sent = height;
  window.parent.postMessage({ type: 'kifu:height', height }, '*');
}).observe(document.documentElement);
