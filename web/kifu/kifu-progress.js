// <kifu-progress campaign="campaigns/animal-center/campaign.json" lang="ja" variant="bar">
//
// The live total of one campaign: fetches its definition, polls its totals
// feed (shared with every other widget on the page showing that feed), and
// shows what the core computes. This file only exports the class; define.js
// registers the tag, so a page can subclass or rename it.
//
// The widget is a guest on someone else's page: everything lives in an open
// shadow root, text from definitions and feeds is inserted as text (a title
// may be "<img src=x onerror=alert(1)>"), and the box keeps its final size
// from the first paint so the host page does not jump when data arrives.
import { diagnosticText, loadCore } from './core.js';
import { subscribeFeed } from './feed-poller.js';

const RERENDER_MS = 30_000; // keeps "3分前に更新" true between polls
const ANNOUNCE_EVERY_MS = 60_000; // screen readers hear a change at most once a minute
const CAMPAIGN_RETRY_MS = 30_000;

// The only text the widget owns: what shows before the core has spoken.
// Placeholders are as long as typical real lines, so they wrap the same way
// and the box keeps its height when the numbers arrive.
const TEXT = {
  ja: {
    title: '寄付の進み具合を読み込んでいます',
    amount: '000,000,000円',
    goal: '00.0% · 目標 00億円 · 目標まであと0.0億円',
    meta: '00,000人・00,000件の寄付 · 残り000日',
    next: '次の節目「設計」0億円まであと0.0億円',
    status: '更新: 読み込み中',
    progress: '寄付の進み具合を読み込み中',
    failed: '集計を読み込めませんでした',
  },
  en: {
    title: 'Loading the donation progress',
    amount: '¥000,000,000',
    goal: '00.0% · Goal ¥0.0B · ¥000.0M to go',
    meta: '00,000 donors · 00,000 donations · 000 days left',
    next: 'Next milestone: Design at ¥000M, ¥000.0M to go',
    status: 'Loading',
    progress: 'Loading donation progress',
    failed: 'Could not load the totals',
  },
};

const STYLE = `
:host {
  --_accent: var(--kifu-accent, #c2410c);
  --_track: var(--kifu-track, #f3e6dc);
  --_text: var(--kifu-text, #1f2328);
  --_muted: var(--kifu-muted, #5b6168);
  --_background: var(--kifu-background, #ffffff);
  --_border: var(--kifu-border, #e7ddd4);
  --_stale: var(--kifu-stale, #9a3412);
  --_radius: var(--kifu-radius, 12px);
  display: block;
  box-sizing: border-box;
  max-width: 100%;
  font-family: var(--kifu-font, system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif);
  font-size: var(--kifu-font-size, 1rem);
  line-height: 1.5;
  color: var(--_text);
  /* The host page's layout never depends on what happens inside; the
     widget's own layout follows its width, not the viewport's. */
  contain: content;
  container-type: inline-size;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--kifu-accent, #fb923c);
    --_track: var(--kifu-track, #3b3430);
    --_text: var(--kifu-text, #f2eee9);
    --_muted: var(--kifu-muted, #b7afa7);
    --_background: var(--kifu-background, #1d1b19);
    --_border: var(--kifu-border, #3b3430);
    --_stale: var(--kifu-stale, #fdba74);
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card {
  display: grid;
  gap: 0.25rem 1rem;
  padding: 1rem;
  background: var(--_background);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  overflow-wrap: anywhere;
}
p { margin: 0; }
/* Titles take two lines, always: the definition arrives after first paint
   and a title of any length must not move what is below it. Longer titles
   are cut with an ellipsis (the full title is the tooltip). */
.title {
  font-weight: 700;
  font-size: 1.05em;
  min-height: 3em;
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: 2;
  overflow: hidden;
}
.amount {
  /* One line, shrinking on narrow widgets rather than breaking a number. */
  white-space: nowrap;
  font-size: min(1.75em, 9cqi);
  font-weight: 800;
  line-height: 1.2;
  font-variant-numeric: tabular-nums;
  color: var(--_text);
}
.goal, .meta, .next, .status { font-size: 0.875em; color: var(--_muted); }
/* Two lines kept free: a stale note or the sample-data badge may need them,
   and neither may push the host page down when it appears. */
.status { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; align-content: start; min-height: 3em; }
.stale { color: var(--_stale); font-weight: 600; }
.sample {
  font-size: 0.75rem;
  padding: 0 0.4em;
  border: 1px solid currentColor;
  border-radius: 4px;
  color: var(--_muted);
}
.next { min-height: 1.5em; }
[hidden] { display: none !important; }

/* The bar's SVG stretches to any width (preserveAspectRatio="none"), so its
   box has a fixed height; the ring keeps a square. Either way the box has its
   final size before any data arrives. The core writes colours as attributes
   (for standalone SVG); here they follow the custom properties. */
.graphic { width: 100%; height: 1.5rem; }
.graphic svg { display: block; width: 100%; height: 100%; overflow: visible; }
.kifu-bar .kifu-track { fill: var(--_track); }
.kifu-bar .kifu-fill { fill: var(--_accent); }
.kifu-ring .kifu-track { stroke: var(--_track); }
.kifu-ring .kifu-fill { stroke: var(--_accent); }
.kifu-milestone { stroke: var(--_muted); }
.kifu-milestone.kifu-reached { stroke: var(--_background); }
.kifu-ring-label { fill: var(--_text); font-weight: 700; }

/* Ring: above the text in a narrow widget (a phone), beside it when wide. */
:host([variant="ring"]) .card > .graphic { width: min(10rem, 60%); height: auto; aspect-ratio: 1 / 1; justify-self: center; margin-bottom: 0.5rem; }
@container (min-width: 30rem) {
  :host([variant="ring"]) .card { grid-template-columns: 9rem 1fr; align-items: center; }
  :host([variant="ring"]) .card > * { grid-column: 2; }
  :host([variant="ring"]) .card > .graphic { grid-column: 1; grid-row: 1 / span 6; width: 100%; margin: 0; }
  :host([variant="ring"]) .amount { font-size: 1.5em; }
}

/* Before data: the same lines, with their text hidden behind soft blocks. */
.loading .title, .loading .amount, .loading .goal, .loading .meta, .loading .next {
  color: transparent;
  background: var(--_track);
  border-radius: 4px;
  justify-self: start;
}
.loading .graphic { background: var(--_track); border-radius: 6px; }
:host([variant="ring"]) .loading .graphic { border-radius: 50%; }
.card.loading .title, .card.loading .amount { animation: kifu-pulse 1.6s ease-in-out infinite alternate; }
@keyframes kifu-pulse { from { opacity: 1; } to { opacity: 0.55; } }
.amount.changed { animation: kifu-changed 1.2s ease-out; }
@keyframes kifu-changed { from { color: var(--_accent); } to { color: var(--_text); } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
.visually-hidden {
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

// The card's lines, in order. Built once per element; render() changes text only.
function buildShadow(root) {
  const style = document.createElement('style');
  style.textContent = STYLE;
  const card = el('div', 'card loading', 'card');
  const parts = {
    card,
    graphic: el('div', 'graphic', 'bar'),
    title: el('p', 'title', 'title'),
    amount: el('p', 'amount', 'amount'),
    goal: el('p', 'goal', 'meta goal'),
    meta: el('p', 'meta', 'meta'),
    next: el('p', 'next', 'meta next'),
    status: el('p', 'status', 'meta status'),
    updated: el('span', 'updated', 'updated'),
    stale: el('span', 'stale', 'stale'),
    sample: el('span', 'sample', 'sample'),
    live: el('div', 'visually-hidden'),
  };
  parts.title.id = 'title';
  parts.graphic.setAttribute('role', 'progressbar');
  parts.graphic.setAttribute('aria-valuemin', '0');
  parts.graphic.setAttribute('aria-valuemax', '100');
  parts.graphic.setAttribute('aria-labelledby', 'title');
  parts.live.setAttribute('aria-live', 'polite');
  parts.live.setAttribute('aria-atomic', 'true');
  parts.stale.hidden = true;
  parts.sample.hidden = true;
  parts.status.append(parts.updated, parts.stale, parts.sample);
  card.append(parts.title, parts.amount, parts.graphic, parts.goal, parts.meta, parts.next, parts.status);
  root.append(style, card, parts.live);
  return parts;
}

function el(tag, className, part) {
  const node = document.createElement(tag);
  node.className = className;
  if (part) node.setAttribute('part', part);
  return node;
}

// Writes only what changed: re-rendering every 30 s must not disturb
// selections, screen readers or layout.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

// The SVG comes from our own core, which escapes the text it draws; it is
// still parsed as XML and stripped of anything executable, so that a bug in
// the core can never become script on an editor's page.
function parseSvg(markup) {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    if (node.localName === 'script' || node.localName === 'foreignObject') {
      node.remove();
      continue;
    }
    for (const { name, value } of [...node.attributes]) {
      if (/^on/i.test(name) || /^\s*javascript:/i.test(value)) node.removeAttribute(name);
    }
  }
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return document.importNode(svg, true);
}

export class KifuProgressElement extends HTMLElement {
  static get observedAttributes() {
    return ['campaign', 'lang', 'variant'];
  }

  #parts;
  #queued = false;
  #generation = 0; // bumps when the campaign changes; late answers for an old one are dropped
  #core = null;
  #campaignUrl = null;
  #campaignText = null;
  #feedUrl = null;
  #pollSeconds = 30;
  #feedText = null; // the last feed that passed validation
  #stale = false;
  #failure = null; // why there is nothing to show at all
  #unsubscribe = null;
  #rerenderTimer = null;
  #retryTimer = null;
  #warned = new Set();
  #svgMarkup = null;
  #announced = null; // null until the first render: that one is never announced
  #announcedAt = 0;
  #pendingAnnouncement = null;
  #announceTimer = null;
  #lastUpdateKey = null;

  constructor() {
    super();
    this.#parts = buildShadow(this.attachShadow({ mode: 'open' }));
  }

  get campaign() {
    return this.getAttribute('campaign') ?? '';
  }
  set campaign(value) {
    this.setAttribute('campaign', String(value));
  }
  // HTMLElement already reflects `lang`; this narrows it to what the core speaks.
  get lang() {
    return /^en\b/i.test(this.getAttribute('lang') ?? '') ? 'en' : 'ja';
  }
  set lang(value) {
    this.setAttribute('lang', String(value));
  }
  get variant() {
    return this.getAttribute('variant') === 'ring' ? 'ring' : 'bar';
  }
  set variant(value) {
    this.setAttribute('variant', String(value));
  }

  connectedCallback() {
    this.#queueUpdate();
    this.#rerenderTimer ??= setInterval(() => this.#render(), RERENDER_MS);
    if (this.#campaignText && !this.#unsubscribe) this.#subscribe();
  }

  disconnectedCallback() {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearInterval(this.#rerenderTimer);
    this.#rerenderTimer = null;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = null;
  }

  attributeChangedCallback() {
    this.#queueUpdate();
  }

  // Setting campaign, lang and variant together costs one render.
  #queueUpdate() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.isConnected) return;
      let url = null;
      try {
        url = this.campaign ? new URL(this.campaign, document.baseURI).href : null;
      } catch {
        url = this.campaign; // not a URL at all: #load reports it
      }
      // A campaign that failed to load is tried again when it is set again or
      // the element is put back on the page.
      const failedEarlier = this.#campaignText === null && this.#failure !== null;
      if (url !== this.#campaignUrl || failedEarlier) this.#load(url);
      else this.#render();
    });
  }

  async #load(url) {
    const generation = ++this.#generation;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearTimeout(this.#retryTimer);
    this.#campaignUrl = url;
    this.#campaignText = null;
    this.#feedText = null;
    this.#stale = false;
    this.#failure = null;
    this.#svgMarkup = null;
    this.#announced = null;
    this.#render();
    if (!url) return this.#fail('the campaign attribute is empty', { retry: false });
    try {
      const [core, response] = await Promise.all([
        loadCore(),
        fetch(url, { cache: 'no-cache', credentials: 'omit' }),
      ]);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const text = await response.text();
      if (generation !== this.#generation) return undefined;
      const check = core.validateCampaign(text);
      if (!check.ok) {
        return this.#fail(`${url}: ${check.errors.map(diagnosticText).join('; ')}`, { retry: false });
      }
      const definition = JSON.parse(text);
      this.#core = core;
      this.#campaignText = text;
      this.#feedUrl = new URL(definition.feed.url, url).href;
      this.#pollSeconds = definition.feed.poll_seconds ?? 30;
      if (this.isConnected) this.#subscribe();
    } catch (error) {
      if (generation !== this.#generation) return undefined;
      return this.#fail(error?.message ?? String(error), { retry: true });
    }
    return undefined;
  }

  #subscribe() {
    const generation = this.#generation;
    this.#unsubscribe = subscribeFeed(
      this.#feedUrl,
      (message) => {
        if (generation === this.#generation) this.#onFeed(message);
      },
      { intervalSeconds: this.#pollSeconds },
    );
  }

  #onFeed(message) {
    if ('error' in message) {
      this.#markStale(message.error);
      return;
    }
    const check = this.#core.validateFeed(message.text, this.#campaignText);
    if (!check.ok) {
      // An invalid feed counts as a failed poll: the last good total stays.
      this.#markStale(`${this.#feedUrl}: ${check.errors.map(diagnosticText).join('; ')}`);
      return;
    }
    this.#feedText = message.text;
    this.#stale = false;
    this.#failure = null;
    this.#render();
  }

  #markStale(reason) {
    this.#warn(reason);
    this.#stale = true;
    this.#dispatch('kifu-error', { reason, stale: this.#feedText !== null });
    if (this.#feedText === null) this.#failure = reason;
    this.#render();
  }

  #fail(reason, { retry }) {
    this.#failure = reason;
    this.#warn(reason);
    this.#dispatch('kifu-error', { reason, stale: false });
    this.#render();
    if (retry && this.isConnected) {
      const url = this.#campaignUrl;
      this.#retryTimer = setTimeout(() => {
        if (this.isConnected && url === this.#campaignUrl) this.#load(url);
      }, CAMPAIGN_RETRY_MS);
    }
  }

  // console.warn, not console.error: a failed poll is expected weather on the
  // web, and the widget copes. Once per distinct reason, or a dead feed would
  // fill the console every few seconds.
  #warn(reason) {
    if (this.#warned.has(reason)) return;
    this.#warned.add(reason);
    console.warn(`<kifu-progress>: ${reason}`);
  }

  #dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #render() {
    const parts = this.#parts;
    const lang = this.lang;
    if (!this.#core || this.#campaignText === null || this.#feedText === null) {
      this.#renderPlaceholder(lang);
      return;
    }
    const view = this.#core.renderProgress({
      campaignJson: this.#campaignText,
      feedJson: this.#feedText,
      lang,
      variant: this.variant,
      nowUnixMs: Date.now(),
      stale: this.#stale,
    });
    if (!view.ok) {
      // Both documents passed validation, so this is a core bug; say so once.
      this.#warn(`render failed: ${view.errors.map(diagnosticText).join('; ')}`);
      this.#renderPlaceholder(lang);
      return;
    }
    const wasLoading = parts.card.classList.contains('loading');
    parts.card.classList.remove('loading');
    setText(parts.title, view.title);
    setAttr(parts.title, 'title', view.title);
    if (!wasLoading && parts.amount.textContent !== view.raised) {
      parts.amount.classList.remove('changed');
      // Restart the highlight: reading offsetWidth forces the removal to apply.
      void parts.amount.offsetWidth;
      parts.amount.classList.add('changed');
    }
    setText(parts.amount, view.raised);
    setText(parts.goal, [view.percent, view.goalLabel, view.remaining].filter(Boolean).join(' · '));
    setText(parts.meta, [view.donors, view.days].filter(Boolean).join(' · '));
    setText(parts.next, view.nextMilestone);
    setText(parts.updated, view.updated);
    parts.updated.hidden = this.#stale;
    setText(parts.stale, view.staleNote);
    parts.stale.hidden = !this.#stale || view.staleNote === '';
    setText(parts.sample, view.sampleNote);
    parts.sample.hidden = view.sampleNote === '';
    setAttr(parts.graphic, 'aria-valuenow', view.ariaValuenow);
    setAttr(parts.graphic, 'aria-valuetext', view.ariaValuetext);
    if (view.svg !== this.#svgMarkup) {
      this.#svgMarkup = view.svg;
      const svg = parseSvg(view.svg);
      parts.graphic.replaceChildren(...(svg ? [svg] : []));
    }
    this.#announce(view.announcement);
    const key = `${this.#feedText}\n${this.#stale}\n${lang}`;
    if (key !== this.#lastUpdateKey) {
      this.#lastUpdateKey = key;
      this.#dispatch('kifu-update', {
        raised: view.raised,
        percent: view.percent,
        goalReached: view.goalReached,
        stale: this.#stale,
      });
    }
  }

  #renderPlaceholder(lang) {
    const parts = this.#parts;
    const text = TEXT[lang];
    parts.card.classList.add('loading');
    setText(parts.title, text.title);
    setText(parts.amount, text.amount);
    setText(parts.goal, text.goal);
    setText(parts.meta, text.meta);
    setText(parts.next, text.next);
    setText(parts.updated, this.#failure ? '' : text.status);
    parts.updated.hidden = Boolean(this.#failure);
    setText(parts.stale, this.#failure ? text.failed : '');
    parts.stale.hidden = !this.#failure;
    parts.sample.hidden = true;
    parts.graphic.replaceChildren();
    this.#svgMarkup = null;
    parts.graphic.removeAttribute('aria-valuenow');
    setAttr(parts.graphic, 'aria-valuetext', text.progress);
  }

  // A polite live region hears about changes in the total, but never on the
  // first render (the page already shows it) and at most once a minute, so a
  // busy campaign does not talk over everything else.
  #announce(text) {
    if (this.#announced === null) {
      this.#announced = text; // shown, not spoken; the first change may be spoken at once
      return;
    }
    if (text === this.#announced && this.#pendingAnnouncement === null) return;
    this.#pendingAnnouncement = text;
    const wait = this.#announcedAt + ANNOUNCE_EVERY_MS - Date.now();
    if (wait <= 0) this.#flushAnnouncement();
    else this.#announceTimer ??= setTimeout(() => this.#flushAnnouncement(), wait);
  }

  #flushAnnouncement() {
    this.#announceTimer = null;
    const text = this.#pendingAnnouncement;
    this.#pendingAnnouncement = null;
    if (text === null || text === this.#announced || !this.isConnected) return;
    this.#announced = text;
    this.#announcedAt = Date.now();
    setText(this.#parts.live, text);
  }
}
