// <kifu-estimator campaign="campaigns/animal-center/campaign.json" lang="ja">
//
// "What do my points become?": one field per point program of the campaign
// and one for a target amount. Every keystroke goes to the core as typed (it
// reads full-width digits, 1.5万, "pt"... and says what it refuses), and the
// answer replaces the text at once. The figures live in the page URL's
// fragment (#e-card-points=3000&e-target=15000), so a shared link opens with
// the same numbers. Typing is never held up by the estimate: the first
// keystroke of a frame is answered at once, and any more in that frame (key
// repeat, an input method committing several characters, a paste) are
// folded into one estimate in the next frame, so estimates never queue up
// behind keys. Loading the definition and the module, and following the
// feed (optional: it only adds "what the gift does to the campaign"), are
// the base class's (campaign-element.js). This file only exports the class;
// widgets.js lists it and define.js registers the tag.
import { KifuCampaignElement } from './campaign-element.js';
import { diagnosticText, loadEstimatorCore } from './core.js';
import { el } from './widget-style.js';

const URL_PREFIX = 'e-';
const URL_WRITE_MS = 300; // the address bar follows typing, not every key
const ANNOUNCE_MS = 700; // screen readers hear the result once typing pauses

const TEXT = {
  ja: {
    heading: 'ポイントはいくらの寄付になる？',
    loading: '読み込み中…',
    failed: '計算機を読み込めませんでした',
    balance: (name) => `${name}の残高`,
    target: '寄付したい金額（円）',
    targetHint: '例: 15000、1.5万',
    hint: '例: 3000、３，０００、1.5万',
  },
  en: {
    heading: 'What do my points become?',
    loading: 'Loading…',
    failed: 'Could not load the estimator',
    balance: (name) => `${name} balance`,
    target: 'Amount you want to give',
    targetHint: 'e.g. 15000 or 1.5万',
    hint: 'e.g. 3000, 3,000 or 1.5万',
  },
};

// On top of the base sheet (widget-style.js: theme colours light and dark,
// the card, the guard against the host page's CSS): the error colour, and
// the estimator's own layout.
const STYLE = `
:host { --_error: var(--kifu-error, #b91c1c); }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { --_error: var(--kifu-error-dark, var(--kifu-error, #fca5a5)); }
}
.card { gap: 0.75rem; }
.heading { font-weight: 700; font-size: 1.05em; }
.programs { display: grid; gap: 0.75rem; }
.field { display: grid; gap: 0.2rem; }
label { font-weight: 600; }
input {
  font: inherit;
  width: 100%;
  min-height: 2.75rem; /* a thumb's width on a phone */
  padding: 0.4rem 0.6rem;
  border: 1px solid var(--_muted);
  border-radius: 8px;
  background: transparent;
  color: inherit;
}
input:focus-visible { outline: 3px solid var(--_accent); outline-offset: 1px; }
input[aria-invalid="true"] { border-color: var(--_error); border-width: 2px; }
.rule, .detail, .needed, .value, .note { font-size: 0.875em; color: var(--_muted); }
.error { font-size: 0.875em; color: var(--_error); font-weight: 600; min-height: 0; }
.result { font-weight: 700; font-variant-numeric: tabular-nums; }
.summary { display: grid; gap: 0.25rem; border-top: 1px solid var(--_border); padding-top: 0.75rem; }
.total { font-size: 1.25em; font-weight: 800; }
.matched { color: var(--_accent); font-weight: 600; }
`;

// Writes only what changed, and hides empty lines, so typing never moves
// the caret or disturbs a screen reader.
function show(node, text) {
  if (node.textContent !== text) node.textContent = text;
  node.hidden = text === '';
}

// One field: label tied to the input, a rule line and an error line that
// the input is described by.
function makeField(key) {
  const box = el('div', 'field', `field field-${key}`);
  const label = el('label', null, 'label');
  const input = el('input', null, 'input');
  const rule = el('p', 'rule', 'rule');
  const error = el('p', 'error', 'error');
  const result = el('p', 'result', 'result');
  const detail = el('p', 'detail', 'detail');
  const value = el('p', 'value', 'value');
  const needed = el('p', 'needed', 'needed');
  input.id = `in-${key}`;
  input.type = 'text';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.dataset.key = key;
  label.htmlFor = input.id;
  rule.id = `rule-${key}`;
  error.id = `error-${key}`;
  input.setAttribute('aria-describedby', `${rule.id} ${error.id}`);
  for (const line of [error, result, detail, value, needed]) line.hidden = true;
  box.append(label, input, rule, error, result, detail, value, needed);
  return { box, label, input, rule, error, result, detail, value, needed };
}

export class KifuEstimatorElement extends KifuCampaignElement {
  static tag = 'kifu-estimator';
  static style = STYLE;
  static ownView = true;
  // Its own module (kifu-estimator.wasm): the progress core holds no estimator.
  static loadCore() {
    return loadEstimatorCore();
  }
  static get observedAttributes() {
    return ['campaign', 'lang'];
  }

  #fields = new Map(); // program id -> { input, error, rule, result, detail, value, needed }
  #documents = { core: null, campaignText: null, feedText: null, failure: '' };
  #builtFor = null; // the definition the fields were built for
  #frameBusy = false; // an estimate already ran in this frame
  #framePending = false; // and input came after it
  #urlTimer = null;
  #announceTimer = null;

  // Called by the base class's constructor, before this class's fields exist.
  buildParts(root) {
    const card = el('form', 'card', 'card');
    card.setAttribute('novalidate', '');
    card.addEventListener('submit', (event) => event.preventDefault());
    const heading = el('p', 'heading', 'heading');
    heading.id = 'heading';
    card.setAttribute('aria-labelledby', 'heading');
    const status = el('p', 'note', 'status');
    const programs = el('div', 'programs');
    const target = makeField('target');
    const summary = el('div', 'summary', 'summary');
    const lines = {};
    for (const name of ['total', 'matched', 'impact', 'effect', 'mix', 'tax']) {
      lines[name] = el('p', name === 'tax' ? 'note' : name, name);
      lines[name].hidden = true;
      summary.append(lines[name]);
    }
    const live = el('div', 'visually-hidden');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    live.id = 'live';
    card.append(heading, status, programs, target.box, summary);
    root.append(card, live);
    card.addEventListener('input', () => this.#onInput());
    this.parts = { card, heading, status, programs, target, summary, lines, live };
    return this.parts;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#urlTimer);
    clearTimeout(this.#announceTimer);
  }

  renderDocuments(documents) {
    this.#documents = documents;
    if (documents.campaignText !== null && documents.campaignText !== this.#builtFor) {
      this.#builtFor = documents.campaignText;
      this.#buildFields();
      this.#restoreFromUrl();
    }
    this.#render();
  }

  #fail(reason) {
    console.warn(`<kifu-estimator>: ${reason}`);
    show(this.parts.status, TEXT[this.lang].failed);
    this.dispatchEvent(new CustomEvent('kifu-error', { detail: { reason }, bubbles: true, composed: true }));
  }
  // The program fields, from the core's own reading of the definition.
  #buildFields() {
    const view = this.#estimate({});
    const box = this.parts.programs;
    const keep = new Map();
    for (const program of view.ok ? view.programs : []) {
      const field = this.#fields.get(program.id) ?? makeField(`p-${program.id}`);
      field.input.dataset.program = program.id;
      keep.set(program.id, field);
    }
    this.#fields = keep;
    box.replaceChildren(...[...keep.values()].map((f) => f.box));
  }

  #inputs() {
    const balances = {};
    for (const [id, field] of this.#fields) {
      if (field.input.value !== '') balances[id] = field.input.value;
    }
    return { balances, target: this.parts.target.input.value };
  }

  #estimate({ balances = {}, target = '' }) {
    const { core, campaignText, feedText } = this.#documents;
    return core.renderEstimate({
      campaignJson: campaignText,
      feedJson: feedText ?? '',
      balances,
      target,
      lang: this.lang,
      nowUnixMs: Date.now(),
    });
  }

  #onInput() {
    if (this.#frameBusy) {
      this.#framePending = true;
    } else {
      this.#renderInFrame();
    }
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => this.#writeUrl(), URL_WRITE_MS);
  }

  // One estimate per animation frame at most: render now, and if more input
  // arrives before the next frame, render once more in it.
  #renderInFrame() {
    this.#render();
    this.#frameBusy = true;
    requestAnimationFrame(() => {
      this.#frameBusy = false;
      if (!this.#framePending) return;
      this.#framePending = false;
      if (this.isConnected) this.#renderInFrame();
    });
  }

  #render() {
    const text = TEXT[this.lang];
    const parts = this.parts;
    show(parts.heading, text.heading);
    parts.target.label.textContent = text.target;
    parts.target.input.placeholder = text.targetHint;
    if (!this.#documents.core) {
      show(parts.status, this.#documents.failure ? text.failed : text.loading);
      return;
    }
    const view = this.#estimate(this.#inputs());
    if (!view.ok) {
      this.#fail(`estimate failed: ${view.errors.map(diagnosticText).join('; ')}`);
      return;
    }
    show(parts.status, '');
    for (const line of view.programs) {
      const field = this.#fields.get(line.id);
      if (!field) continue;
      field.label.textContent = text.balance(line.name);
      field.input.placeholder = text.hint;
      show(field.rule, line.rule);
      this.#showError(field, line.inputError);
      show(field.result, line.result);
      show(field.detail, line.detail);
      show(field.value, line.valueNote);
      show(field.needed, line.needed);
    }
    this.#showError(parts.target, view.targetError);
    show(parts.lines.total, view.total);
    show(parts.lines.matched, view.matched);
    show(parts.lines.impact, view.impact);
    show(parts.lines.effect, view.effect);
    show(parts.lines.mix, view.mix);
    show(parts.lines.tax, view.taxNote);
    this.#announce(view.announcement || view.mix);
  }

  #showError(field, message) {
    show(field.error, message);
    if (message) field.input.setAttribute('aria-invalid', 'true');
    else field.input.removeAttribute('aria-invalid');
  }

  // The polite live region hears the result when typing pauses, not per key.
  #announce(text) {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      if (this.parts.live.textContent !== text) this.parts.live.textContent = text;
    }, ANNOUNCE_MS);
  }

  // Fragment, not query: the page's server never sees a visitor's balances.
  #readFragment() {
    return new URLSearchParams(window.location.hash.replace(/^#/, ''));
  }

  #restoreFromUrl() {
    const params = this.#readFragment();
    for (const [id, field] of this.#fields) {
      const value = params.get(`${URL_PREFIX}${id}`);
      if (value !== null) field.input.value = value;
    }
    const target = params.get(`${URL_PREFIX}target`);
    if (target !== null) this.parts.target.input.value = target;
  }

  #writeUrl() {
    const params = this.#readFragment();
    for (const key of [...params.keys()]) if (key.startsWith(URL_PREFIX)) params.delete(key);
    const { balances, target } = this.#inputs();
    for (const [id, value] of Object.entries(balances)) params.set(`${URL_PREFIX}${id}`, value);
    if (target !== '') params.set(`${URL_PREFIX}target`, target);
    const hash = params.toString();
    const url = new URL(window.location.href);
    url.hash = hash;
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
  }
}
