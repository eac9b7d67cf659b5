// <kifu-forecast campaign="campaigns/animal-center/campaign.json" lang="ja" seed="1">
//
// Where a campaign is heading: the forecast chart and the sentence a person
// wants ("At the current pace the goal is reached around March 2031; there
// is a 12% chance it is reached by the campaign's end"), from the campaign's
// definition, its totals feed and the daily history the feed points to.
// This file only exports the class; widgets.js lists it and define.js
// registers the tag.
//
// The simulation runs in a Web Worker (forecast-runner.js, with its own wasm
// module built for speed), posting a view after every chunk: the first
// answer appears at once and then sharpens, and the page never stalls. One
// worker serves every forecast on the page (forecast-worker.js); it fetches,
// compiles (once per page) and warms up the module while the documents are
// still being fetched, so a request finds it ready. embed.js and the site
// start it before this code arrives; else the first element that connects.
// When no worker can be started (the Kifu files are on another origin than
// the page), the same chunks run on the page, yielding between them.
import { KifuCampaignElement } from './campaign-element.js';
import { fetchHistory } from './campaign-prefetch.js';
import { pageWorker } from './forecast-worker.js';
import { FONTS, el, parseSvg } from './widget-style.js';

// The runner, on the page only when no worker can run it (the worker loads
// it itself): the element's own code stays one module request.
const loadRunner = () => import('./forecast-runner.js');

const TEXT = {
  ja: { loading: '予測を計算しています…', failed: '予測を表示できませんでした', details: '予測の詳細' },
  en: { loading: 'Working out the forecast…', failed: 'Could not show the forecast', details: 'Forecast details' },
};

const STYLE = `
:host {
  --_accent: var(--kifu-accent, #c2410c);
  --_text: var(--kifu-text, #1f2328);
  --_muted: var(--kifu-muted, #5b6168);
  --_background: var(--kifu-background, #ffffff);
  --_border: var(--kifu-border, #e7ddd4);
  display: block;
  box-sizing: border-box;
  max-width: 100%;
  font-family: var(--kifu-font, ${FONTS.default});
  line-height: 1.5;
  color: var(--_text);
  contain: content;
}
:host([hidden]) { display: none; }
:host(:lang(ja)) { font-family: var(--kifu-font, ${FONTS.ja}); }
.card { display: grid; gap: 0.5rem; padding: 1rem; background: var(--_background); border: 1px solid var(--_border); border-radius: var(--kifu-radius, 12px); }
p, ul { margin: 0; }
.headline { font-weight: 700; min-height: 3em; }
/* The chart keeps its 640:360 box from the first paint: nothing below moves. */
.chart { width: 100%; aspect-ratio: 640 / 360; }
.chart svg { display: block; width: 100%; height: 100%; }
.kifu-total { stroke: var(--_accent); }
.kifu-axis { fill: var(--_muted); }
.details { font-size: 0.875em; color: var(--_muted); padding-left: 1.2em; min-height: 6em; }
.basis { font-size: 0.75em; color: var(--_muted); min-height: 1.5em; }
.sample { font-size: 0.75rem; padding: 0 0.4em; border: 1px solid currentColor; border-radius: 4px; color: var(--_muted); justify-self: start; }
[hidden] { display: none !important; }
.busy .chart { opacity: 0.85; }
@media (prefers-reduced-motion: no-preference) { .chart { transition: opacity 0.3s; } }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

// The definition and the feed come from the base class (campaign-element.js),
// shared with every other widget of the campaign on the page: one request
// each, and a new forecast when the feed changes. The forecast has its own
// module, so the base does not load the core for it.
export class KifuForecastElement extends KifuCampaignElement {
  static tag = 'kifu-forecast';
  static style = STYLE;
  static ownView = true;
  static needsCore = false;
  static get observedAttributes() {
    return ['campaign', 'lang', 'seed', 'paths'];
  }

  #generation = 0;
  #worker = undefined; // the page's worker once attached; null: running on the page
  #runId = 0; // the id of this element's request in the worker
  #sentDocuments = false;
  #inPage = null; // the fallback's running forecast
  #request = null; // the last request, for the fallback if the worker fails to load
  #svgMarkup = null;
  #started = null; // what the running forecast was asked, to start again only on a change

  // Called by the base class's constructor, before this class's fields exist.
  buildParts(root) {
    const card = el('div', 'card busy', 'card');
    const parts = {
      card,
      title: el('p', 'visually-hidden'),
      headline: el('p', 'headline', 'headline'),
      chart: el('div', 'chart', 'chart'),
      details: el('ul', 'details', 'details'),
      basis: el('p', 'basis', 'basis'),
      sample: el('span', 'sample', 'sample'),
      live: el('div', 'visually-hidden'),
    };
    parts.live.setAttribute('aria-live', 'polite');
    parts.sample.hidden = true;
    card.setAttribute('aria-busy', 'true');
    card.append(parts.headline, parts.chart, parts.details, parts.basis, parts.sample);
    root.append(card, parts.live);
    this.parts = parts;
    return parts;
  }

  get seed() {
    const n = Number(this.getAttribute('seed') ?? 1);
    return Number.isSafeInteger(n) && n >= 0 ? n : 1;
  }
  set seed(value) {
    this.setAttribute('seed', String(value));
  }
  get paths() {
    const n = Number(this.getAttribute('paths') ?? 2000);
    return Number.isSafeInteger(n) ? n : 2000;
  }
  set paths(value) {
    this.setAttribute('paths', String(value));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop();
    this.#started = null;
    if (this.#worker !== undefined) pageWorker.detach(this);
    this.#worker = undefined;
  }

  // The base calls this whenever a document arrives or an attribute
  // changes; a forecast starts only when what it would be asked changes.
  renderDocuments({ campaignText, feedText, failure }) {
    // A definition that arrives after the element left the page starts
    // nothing: attaching now would pin the page's worker for good.
    if (!this.isConnected) return;
    if (failure) {
      // The base has said why (console and kifu-error); show it.
      this.#stop();
      this.#started = null;
      this.#showMessage(TEXT[this.lang].failed, false);
      return;
    }
    if (campaignText !== null && feedText === null && !this.#namesFeed(campaignText)) {
      this.#fail('the campaign definition names no feed (feed.url)');
      return;
    }
    const key = campaignText === null || feedText === null ? null
      : JSON.stringify([this.campaign, campaignText, feedText, this.lang, this.seed, this.paths]);
    if (key !== null && key === this.#started) return;
    this.#stop();
    this.#started = key;
    this.#showMessage(TEXT[this.lang].loading, true);
    this.#prepare();
    if (key === null) return;
    // The worker reads this campaign's documents while the history is
    // fetched, if its warm-up has nothing better to do (once: later feeds
    // find the code warm).
    if (this.#worker && !this.#sentDocuments) this.#worker.postMessage({ type: 'documents', campaignJson: campaignText, feedJson: feedText });
    this.#sentDocuments = true;
    this.#start(campaignText, feedText);
  }

  #namesFeed(campaignText) {
    try {
      return typeof JSON.parse(campaignText).feed.url === 'string';
    } catch {
      return false;
    }
  }

  #stop() {
    this.#generation += 1;
    this.#inPage?.cancel();
    this.#inPage = null;
    if (this.#worker && this.#runId) this.#worker.postMessage({ type: 'cancel', id: this.#runId });
    this.#runId = 0;
  }

  async #start(campaignJson, feedJson) {
    const generation = this.#generation;
    try {
      const campaignUrl = new URL(this.campaign, document.baseURI).href;
      const feedUrl = new URL(JSON.parse(campaignJson).feed.url, campaignUrl).href;
      const historyName = JSON.parse(feedJson).history;
      if (typeof historyName !== 'string') throw new Error(`${feedUrl}: the feed names no history file`);
      const historyJson = await fetchHistory(new URL(historyName, feedUrl).href); // started with the feed, when it could be
      if (generation !== this.#generation) return;
      const request = { campaignJson, feedJson, historyJson, lang: this.lang, seed: this.seed, paths: this.paths, nowUnixMs: Date.now() };
      this.#run(request, generation);
    } catch (error) {
      if (generation === this.#generation) this.#fail(error?.message ?? String(error));
    }
  }

  // The page's worker starts (with the first forecast), and the module
  // compiles and warms up in it, while #start still fetches the documents.
  #prepare() {
    if (this.#worker !== undefined) return;
    this.#worker = pageWorker.attach(this, this.lang, {
      message: (data) => this.#onWorkerMessage(data),
      failed: () => this.#onWorkerFailed(),
    });
    if (!this.#worker) loadRunner().then((runner) => runner.loadForecastModule()).catch(() => {});
  }

  #onWorkerMessage(data) {
    if (!data || data.id !== this.#runId || this.#runId === 0) return;
    if (data.type === 'view') this.#show(data.view);
    else this.#fail(data.message);
  }

  #onWorkerFailed() {
    this.#worker = null;
    this.#runId = 0;
    if (this.#request?.generation === this.#generation) this.#runInPage(this.#request.request, this.#generation);
  }

  #run(request, generation) {
    this.#request = { request, generation };
    if (this.#worker) {
      pageWorker.nextId += 1;
      this.#runId = pageWorker.nextId;
      this.#worker.postMessage({ type: 'run', id: this.#runId, request });
    } else {
      this.#runInPage(request, generation);
    }
  }

  async #runInPage(request, generation) {
    const onView = (view) => {
      if (generation === this.#generation) this.#show(view);
    };
    try {
      const runner = await loadRunner();
      const module = await runner.loadForecastModule();
      if (generation !== this.#generation) return;
      this.#inPage = runner.runForecast(module, request, onView);
      await this.#inPage.done;
    } catch (error) {
      if (generation === this.#generation) this.#fail(error?.message ?? String(error));
    }
  }

  #show(view) {
    const { parts } = this;
    if (!view.ok) {
      this.#fail(view.errors.map(({ pointer, message }) => (pointer ? `${pointer}: ${message}` : message)).join('; '));
      return;
    }
    parts.card.classList.toggle('busy', !view.finished);
    parts.card.setAttribute('aria-busy', String(!view.finished));
    if (parts.headline.textContent !== view.headline) parts.headline.textContent = view.headline;
    if (view.svg !== this.#svgMarkup) {
      this.#svgMarkup = view.svg;
      const svg = parseSvg(view.svg);
      parts.chart.replaceChildren(...(svg ? [svg] : []));
    }
    parts.details.setAttribute('aria-label', TEXT[this.lang].details);
    parts.details.replaceChildren(...view.details.map((line) => {
      const li = document.createElement('li');
      li.textContent = line;
      return li;
    }));
    parts.basis.textContent = view.basis;
    parts.sample.textContent = view.sampleNote;
    parts.sample.hidden = view.sampleNote === '';
    if (view.finished) {
      // Done: a later worker failure has nothing of this run to take over.
      this.#request = null;
      // Spoken once, when the answer is final, not at every sharpening.
      parts.live.textContent = view.headline;
      this.dispatchEvent(new CustomEvent('kifu-forecast', {
        detail: { status: view.status, headline: view.headline, chance: view.chance },
        bubbles: true,
        composed: true,
      }));
    }
  }

  #showMessage(text, busy) {
    const parts = this.parts;
    parts.card.classList.toggle('busy', busy);
    parts.card.setAttribute('aria-busy', String(busy));
    parts.headline.textContent = text;
    parts.details.replaceChildren();
    parts.basis.textContent = '';
    parts.chart.replaceChildren();
    this.#svgMarkup = null;
  }

  #fail(reason) {
    console.warn(`<kifu-forecast>: ${reason}`);
    this.#showMessage(TEXT[this.lang].failed, false);
    this.dispatchEvent(new CustomEvent('kifu-error', { detail: { reason }, bubbles: true, composed: true }));
  }
}
