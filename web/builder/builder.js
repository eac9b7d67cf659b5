// The builder for editors: choose a campaign, a widget and its options; see
// the widget live; copy either snippet. The page's own language (ja or en)
// picks the labels. Everything here is derived from the widget classes
// (their variants and attributes) and widgets.js, so a new widget appears
// here without changes.
import { WIDGET_NAMES } from '../kifu/embed.js';
import { contrastRatio, parseHexColour } from './contrast.js';

const $ = (id) => document.getElementById(id);
const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
const T = {
  ja: {
    widgets: { progress: '進み具合', counter: 'カウンター', estimator: '寄付額の試算', forecast: '予測' },
    variants: { bar: 'バー', ring: 'リング', thermometer: '温度計', raised: '寄付総額', donors: '寄付した人数' },
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした。選択してコピーしてください',
    textContrast: (r) => `文字色と背景色のコントラスト比が ${r}:1 です。WCAG AA には 4.5:1 以上が必要です。`,
    accentContrast: (r) => `アクセント色と背景色のコントラスト比が ${r}:1 です。グラフの色には 3:1 以上が必要です（WCAG AA 1.4.11）。`,
    contrastOk: 'コントラストは WCAG AA を満たしています。',
  },
  en: {
    widgets: { progress: 'Progress', counter: 'Counter', estimator: 'Points estimator', forecast: 'Forecast' },
    variants: { bar: 'Bar', ring: 'Ring', thermometer: 'Thermometer', raised: 'Amount raised', donors: 'Donors' },
    copied: 'Copied',
    copyFailed: 'Could not copy: select the text and copy it',
    textContrast: (r) => `Text on background has a contrast of ${r}:1; WCAG AA needs at least 4.5:1.`,
    accentContrast: (r) => `The accent colour on the background has a contrast of ${r}:1; graphics need at least 3:1 (WCAG AA 1.4.11).`,
    contrastOk: 'The colours meet WCAG AA contrast.',
  },
}[lang];

// Where the widget files are, as an absolute URL: the snippets must work
// when pasted on any other site.
const KIFU_BASE = new URL('../kifu/v1/', new URL('.', import.meta.url)).href;
const DEFAULT_COLOURS = { accent: '#c2410c', text: '#1f2328', background: '#ffffff' };
const BOOLEANS = ['compact', 'show-donors', 'show-milestones', 'show-days-left', 'reduced-motion'];

const form = $('builder');
const preview = $('preview');

function fillWidgets() {
  for (const name of WIDGET_NAMES) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = T.widgets[name] ?? name;
    $('widget').append(option);
  }
}

function fillVariants() {
  const select = $('variant');
  const previous = select.value;
  const variants = customElements.get(`kifu-${$('widget').value}`)?.variants ?? [];
  select.replaceChildren(...variants.map((v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = T.variants[v] ?? v;
    return option;
  }));
  if (variants.includes(previous)) select.value = previous;
  $('variant-field').hidden = variants.length < 2;
}

/** The options as the form has them now. */
function state() {
  const campaign = new URL($('campaign').value.trim() || 'campaigns/animal-center/campaign.json', new URL('..', import.meta.url)).href;
  const colours = {};
  for (const name of Object.keys(DEFAULT_COLOURS)) {
    const value = $(`colour-${name}`).value;
    if (value.toLowerCase() !== DEFAULT_COLOURS[name]) colours[name] = value.toLowerCase();
  }
  const attributes = [['campaign', campaign], ['lang', $('lang').value]];
  const variants = customElements.get(`kifu-${$('widget').value}`)?.variants ?? [];
  if (variants.length > 1 && $('variant').value !== variants[0]) attributes.push(['variant', $('variant').value]);
  if ($('theme').value !== 'auto') attributes.push(['theme', $('theme').value]);
  const allowed = customElements.get(`kifu-${$('widget').value}`)?.observedAttributes ?? [];
  for (const name of BOOLEANS) if ($(name).checked && allowed.includes(name)) attributes.push([name, '']);
  return { widget: $('widget').value, attributes, colours };
}

const escapeAttr = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const styleText = (colours) => Object.entries(colours).map(([name, value]) => `--kifu-${name}: ${value}`).join('; ');

function elementSnippet({ widget, attributes, colours }) {
  const attrs = attributes.map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${escapeAttr(v)}"`)).join('');
  const style = Object.keys(colours).length ? ` style="${escapeAttr(styleText(colours))}"` : '';
  return `<script type="module" src="${KIFU_BASE}embed.js"></script>\n<kifu-${widget}${attrs}${style}></kifu-${widget}>`;
}

// The frame's height without the host script: what the widget needs at a
// typical column width, so nothing is clipped on a phone.
const FRAME_HEIGHTS = { progress: { bar: 300, ring: 460, thermometer: 480 }, counter: { raised: 190, donors: 190 } };
FRAME_HEIGHTS.forecast = { default: 640 }; // one look: the chart, the sentence and the details
FRAME_HEIGHTS.estimator = { default: 760 }; // the demo's three balance fields, the target and the answers

function frameSnippet({ widget, attributes }) {
  const query = new URLSearchParams([['widget', widget], ...attributes.map(([n, v]) => [n, v === '' ? '1' : v])]);
  const variant = attributes.find(([n]) => n === 'variant')?.[1] ?? customElements.get(`kifu-${widget}`)?.variants?.[0];
  const height = FRAME_HEIGHTS[widget]?.[variant] ?? FRAME_HEIGHTS[widget]?.default ?? 320;
  const title = lang === 'en' ? 'Donation progress' : '寄付の状況';
  return `<iframe data-kifu-embed src="${escapeAttr(`${KIFU_BASE}embed/?${query}`)}" title="${title}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>\n<script src="${KIFU_BASE}embed/host.js" defer></script>`;
}

function checkContrast() {
  const c = (name) => parseHexColour($(`colour-${name}`).value);
  const messages = [];
  const text = contrastRatio(c('text'), c('background'));
  const accent = contrastRatio(c('accent'), c('background'));
  if (text < 4.5) messages.push(T.textContrast(text.toFixed(2)));
  if (accent < 3) messages.push(T.accentContrast(accent.toFixed(2)));
  const out = $('contrast');
  out.textContent = messages.length ? messages.join(' ') : T.contrastOk;
  out.classList.toggle('warning', messages.length > 0);
}

let shown = null;
function update() {
  fillVariants();
  const s = state();
  // A new element when the widget changes; otherwise its attributes change
  // in place, as they would on an editor's page.
  const tag = `kifu-${s.widget}`;
  if (!shown || shown.localName !== tag) {
    shown = document.createElement(tag);
    preview.replaceChildren(shown);
  }
  for (const { name } of [...shown.attributes]) {
    if (!s.attributes.some(([n]) => n === name)) shown.removeAttribute(name);
  }
  for (const [name, value] of s.attributes) if (shown.getAttribute(name) !== value) shown.setAttribute(name, value);
  // CSSOM, not a style attribute: the builder runs under a strict CSP too.
  for (const name of Object.keys(DEFAULT_COLOURS)) {
    if (s.colours[name]) shown.style.setProperty(`--kifu-${name}`, s.colours[name]);
    else shown.style.removeProperty(`--kifu-${name}`);
  }
  $('snippet-element').value = elementSnippet(s);
  $('snippet-frame').value = frameSnippet(s);
  checkContrast();
}

async function copy(id, button) {
  const text = $(id).value;
  const status = $(`${id}-status`);
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = T.copied;
  } catch {
    $(id).select();
    status.textContent = T.copyFailed;
  }
  button.focus();
}

fillWidgets();
form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (event) => event.preventDefault());
$('copy-element').addEventListener('click', (event) => copy('snippet-element', event.currentTarget));
$('copy-frame').addEventListener('click', (event) => copy('snippet-frame', event.currentTarget));
update();
