// The base of every widget that shows a campaign's live totals
// (<kifu-progress>, <kifu-counter>): loads the definition, polls the feed
// (shared with every other widget on the page), validates both in the core
// and hands the core's view to the subclass to draw. A subclass supplies
// its CSS, its parts, and how a view or a placeholder looks. A subclass
// that draws something else from the same documents (<kifu-estimator>)
// sets `ownView` and gets the validated documents instead (renderDocuments).
//
// The critical path is short on purpose: the definition and the wasm module
// are fetched side by side, and the feed is subscribed as soon as the
// definition names it (validation waits for the core, the download does not).
// Until the core has spoken, the last view this browser showed for the same
// campaign (or a prerendered snapshot) is painted, marked as not live.
import { diagnosticText, loadCore } from './core.js';
import { fetchDefinition } from './campaign-prefetch.js';
import { subscribeFeed } from './feed-poller.js';
import { BASE_STYLE, setAttr, sheet } from './widget-style.js';

const RERENDER_MS = 30_000; // keeps "3分前に更新" true between polls
const ANNOUNCE_EVERY_MS = 60_000; // screen readers hear a change at most once a minute
const RETRY_MS = 30_000;
const CACHE_PREFIX = 'kifu:v1:';

// What the widget says about a total that is not live.
const NOTES = {
  ja: { cached: '保存済みの値（更新中）', failedWithValue: '更新できません（保存済みの値）', failed: '集計を読み込めませんでした' },
  en: { cached: 'Saved value (updating)', failedWithValue: 'Not updating (saved value)', failed: 'Could not load the totals' },
};

const BOOLEAN_ATTRIBUTES = ['compact', 'show-donors', 'show-milestones', 'show-days-left', 'reduced-motion'];

// show-days-left -> showDaysLeft
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

// Local storage belongs to the host page's origin and may be full, disabled
// or forbidden (sandboxed frames throw on access): every use may fail.
function readCache(key) {
  try {
    const text = globalThis.localStorage?.getItem(CACHE_PREFIX + key);
    const saved = text ? JSON.parse(text) : null;
    return saved && typeof saved.raised === 'string' && typeof saved.title === 'string' ? saved : null;
  } catch {
    return null;
  }
}
/**
 * Whether this browser saved a view of the campaign (in any language or
 * variant), so that its widgets have a total to paint before the feed
 * arrives. embed.js asks, before it defines the widgets.
 */
export function hasSavedView(campaignUrl) {
  const prefix = `${CACHE_PREFIX}${campaignUrl}|`;
  try {
    const storage = globalThis.localStorage;
    for (let i = 0; i < (storage?.length ?? 0); i += 1) if (storage.key(i)?.startsWith(prefix)) return true;
  } catch {
    // Storage forbidden: nothing saved.
  }
  return false;
}

// What this page last saved under each key: widgets of one campaign that
// draw the same view (a bar and a counter, or two rings) save it once.
const written = new Map();
function writeCache(key, view) {
  try {
    const text = JSON.stringify(view);
    if (written.get(key) === text) return;
    globalThis.localStorage?.setItem(CACHE_PREFIX + key, text);
    written.set(key, text);
  } catch {
    // Nothing to do: the cache only speeds up the next first paint.
  }
}

// The widgets drawn in one task read the clock once: they all say the same
// "updated 3 minutes ago", and ask the core the same question, which
// core.js answers from memory after the first time.
let instant = null;
function renderInstant() {
  if (instant === null) {
    instant = Date.now();
    setTimeout(() => {
      instant = null;
    }, 0);
  }
  return instant;
}

// A view saved in the page: <script type="application/json" id="…"> (a data
// block, never run, so no script policy applies to it).
function readInlineSnapshot(element, id) {
  try {
    const view = JSON.parse(element.getRootNode().getElementById?.(id)?.textContent ?? 'null');
    return view?.ok && typeof view.raised === 'string' && typeof view.title === 'string' ? view : null;
  } catch {
    return null;
  }
}

// In the built site this module shares one file with core.js (kifu-base.js),
// and Node imports core.js too (tests, tools): there is no HTMLElement there,
// and no element is ever made, but the class must still be declared.
const ElementBase = globalThis.HTMLElement ?? class {};

export class KifuCampaignElement extends ElementBase {
  static get observedAttributes() {
    return ['campaign', 'lang', 'variant', 'theme', 'snapshot', ...BOOLEAN_ATTRIBUTES];
  }

  // Subclasses: the tag used in console messages, the variants they accept
  // (the first is the default) and the core variant that draws them.
  static tag = 'kifu-widget';
  static variants = ['bar'];
  static coreVariant(variant) {
    return variant;
  }
  // true: renderDocuments({ core, campaignText, feedText, failure }) is
  // called instead of renderView/renderPlaceholder, whenever something
  // arrives: core and campaignText once the definition passed validation
  // (null before), feedText once a feed has (null before, or without a
  // feed; a failed poll keeps the last good one), failure why nothing can
  // be shown yet ('' when nothing failed).
  static ownView = false;
  // false: the subclass never needs the core module (the forecast has a
  // module of its own, whose kernel judges the documents): it is not
  // loaded, and the documents reach renderDocuments as they arrive.
  static needsCore = true;
  // The module it needs (<kifu-estimator> has its own).
  static loadCore() {
    return loadCore();
  }

  #root;
  #parts;
  #queued = false;
  #generation = 0; // bumps when the campaign changes; late answers for an old one are dropped
  #core = null;
  #coreFailure = null;
  #campaignUrl = null;
  #campaignText = null;
  #campaignOk = null; // null: not validated yet
  #feedUrl = null;
  #pollSeconds = 30;
  #rawFeed = null; // the newest feed text, not yet validated
  #feedText = null; // the last feed that passed validation
  #stale = false;
  #failure = null; // why there is no live view
  #fallback = null; // a cached or prerendered view shown until the live one
  #unsubscribe = null;
  #rerenderTimer = null;
  #retryTimer = null;
  #warned = new Set();
  #announced = null; // null until the first live render: that one is never announced
  #announcedAt = 0;
  #pendingAnnouncement = null;
  #announceTimer = null;
  #lastUpdateKey = null;
  #goalEventSent = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    // Constructed sheets are shared by every widget on the page and, unlike
    // a <style> element, are not blocked by a host's style-src policy.
    this.#root.adoptedStyleSheets = [sheet(BASE_STYLE), sheet(this.constructor.style)];
    this.#parts = this.buildParts(this.#root);
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
    const { variants } = this.constructor;
    const value = this.getAttribute('variant');
    return variants.includes(value) ? value : variants[0];
  }
  set variant(value) {
    this.setAttribute('variant', String(value));
  }
  get theme() {
    const value = this.getAttribute('theme');
    return value === 'light' || value === 'dark' ? value : 'auto';
  }
  set theme(value) {
    this.setAttribute('theme', String(value));
  }
  get snapshot() {
    return this.getAttribute('snapshot') ?? '';
  }
  set snapshot(value) {
    this.setAttribute('snapshot', String(value));
  }

  connectedCallback() {
    this.#queueUpdate();
    this.#rerenderTimer ??= setInterval(() => this.#render(), RERENDER_MS);
    if (this.#feedUrl && !this.#unsubscribe && this.#campaignOk !== false) this.#subscribe();
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

  // Setting several attributes together costs one render.
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
      const failedEarlier = this.#feedText === null && this.#failure !== null;
      if (url !== this.#campaignUrl || failedEarlier) this.#load(url);
      else this.#render();
    });
  }

  // By the core's variant: a counter shows the view the bar's core variant
  // draws, and both find it saved.
  #cacheKey() {
    return `${this.#campaignUrl}|${this.lang}|${this.constructor.coreVariant(this.variant)}`;
  }

  #load(url) {
    const generation = ++this.#generation;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearTimeout(this.#retryTimer);
    this.#campaignUrl = url;
    this.#campaignText = null;
    this.#campaignOk = null;
    this.#feedUrl = null;
    this.#rawFeed = null;
    this.#feedText = null;
    this.#stale = false;
    this.#failure = null;
    this.#announced = null;
    this.#goalEventSent = false;
    this.#fallback = url ? readCache(this.#cacheKey()) : null;
    // snapshot="#id": the view is in the page itself (a JSON data block the
    // site prerendered), read now so the first paint already shows it.
    if (url && !this.#fallback && this.snapshot.startsWith('#')) this.#fallback = readInlineSnapshot(this, this.snapshot.slice(1));
    this.#render();
    if (!url) return this.#fail('the campaign attribute is empty', { retry: false });
    const current = () => generation === this.#generation;

    if (this.#core === null && this.constructor.needsCore) {
      this.constructor.loadCore().then(
        (core) => {
          this.#core = core;
          this.#coreFailure = null;
          if (current()) this.#advance();
        },
        (error) => {
          if (!current()) return;
          this.#coreFailure = `the Kifu module did not load: ${error?.message ?? error}`;
          this.#fail(this.#coreFailure, { retry: true });
        },
      );
    }
    if (this.snapshot && !this.snapshot.startsWith('#') && !this.#fallback) this.#loadSnapshot(generation);
    fetchDefinition(url).then(
        (text) => {
          if (!current()) return;
          this.#campaignText = text;
          // The feed's address needs no validation to be fetched: start now,
          // and let the core judge both documents when it is there.
          try {
            const definition = JSON.parse(text);
            this.#feedUrl = new URL(definition.feed.url, url).href;
            const seconds = definition.feed.poll_seconds;
            this.#pollSeconds = Number.isFinite(seconds) ? seconds : 30;
            if (this.isConnected) this.#subscribe();
          } catch {
            // Not even a feed address: the core's validation says what is wrong.
          }
          this.#advance();
        },
        (error) => {
          if (current()) this.#fail(error?.message ?? String(error), { retry: true });
        },
      );
    return undefined;
  }

  async #loadSnapshot(generation) {
    try {
      const response = await fetch(new URL(this.snapshot, document.baseURI), { cache: 'no-cache', credentials: 'omit' });
      const view = response.ok ? await response.json() : null;
      if (generation !== this.#generation || !view?.ok || typeof view.raised !== 'string') return;
      if (this.#feedText === null && this.#fallback === null) {
        this.#fallback = view;
        this.#render();
      }
    } catch {
      // A missing snapshot only means the first paint waits for the live total.
    }
  }

  // Moves on with whatever has arrived: judges the definition once the core
  // is there, then the newest feed.
  #advance() {
    const core = this.#core;
    const judged = Boolean(core) || !this.constructor.needsCore;
    if (!judged || this.#campaignText === null) return;
    if (this.#campaignOk === null && !core) this.#campaignOk = true; // judged by the subclass's own module
    if (this.#campaignOk === false) return;
    if (!this.constructor.ownView) {
      // The core draws this widget: a feed's text is judged together with
      // the definition, in the call that draws it (#takeFeed). The definition
      // is judged alone only when no feed text is coming: it names no feed
      // to subscribe to, or the feed failed.
      if (this.#rawFeed !== null) this.#takeFeed();
      else if (this.#campaignOk === null && !(this.#unsubscribe && this.#failure === null)) this.#judgeCampaign();
      return;
    }
    if (this.#campaignOk === null && !this.#judgeCampaign()) return;
    if (this.#rawFeed === null) {
      this.#render(); // a view of its own may draw from the definition alone
      return;
    }
    const text = this.#rawFeed;
    this.#rawFeed = null;
    const check = core ? core.validateFeed(text, this.#campaignText) : { ok: true };
    if (!check.ok) {
      // An invalid feed counts as a failed poll: the last good total stays.
      this.#markStale(`${this.#feedUrl}: ${check.errors.map(diagnosticText).join('; ')}`);
      return;
    }
    this.#feedText = text;
    this.#stale = false;
    this.#failure = null;
    this.#render();
  }

  // Judges the definition on its own; a broken one fails the widget for good
  // (until the campaign is set again) and stops its feed.
  #judgeCampaign() {
    const check = this.#core.validateCampaign(this.#campaignText);
    if (!check.ok) this.#failCampaign(check.errors);
    else this.#campaignOk = true;
    return check.ok;
  }

  #failCampaign(errors) {
    this.#campaignOk = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#fail(`${this.#campaignUrl}: ${errors.map(diagnosticText).join('; ')}`, { retry: false });
  }

  // Draws the newest feed text with the core's renderProgress, which parses
  // and validates both documents before it draws and names the one that
  // failed. Validating each first (validateCampaign, then validateFeed)
  // parsed the definition three times and the feed twice; on a fresh page
  // each parse runs wasm the browser has not compiled yet (the three calls
  // took 28-74 ms there, this one 19-64).
  #takeFeed() {
    const text = this.#rawFeed;
    this.#rawFeed = null;
    const view = this.#renderProgress(text, false);
    if (!view.ok && view.errorSource === 'campaign') {
      this.#failCampaign(view.errors);
      return;
    }
    if (!view.ok && view.errorSource === 'feed') {
      this.#campaignOk = true;
      // An invalid feed counts as a failed poll: the last good total stays.
      this.#markStale(`${this.#feedUrl}: ${view.errors.map(diagnosticText).join('; ')}`);
      return;
    }
    this.#campaignOk = true;
    this.#feedText = text;
    this.#stale = false;
    this.#failure = null;
    this.#show(view);
  }

  #renderProgress(feedText, stale) {
    return this.#core.renderProgress({
      campaignJson: this.#campaignText,
      feedJson: feedText,
      lang: this.lang,
      variant: this.constructor.coreVariant(this.variant),
      nowUnixMs: renderInstant(),
      stale,
    });
  }

  #subscribe() {
    const generation = this.#generation;
    this.#unsubscribe = subscribeFeed(
      this.#feedUrl,
      (message) => {
        if (generation !== this.#generation) return;
        if ('error' in message) {
          // A broken definition says more than its feed's failure.
          if (this.#campaignOk === null && this.#core && !this.#judgeCampaign()) return;
          this.#markStale(message.error);
          return;
        }
        this.#rawFeed = message.text;
        this.#advance();
      },
      { intervalSeconds: this.#pollSeconds },
    );
  }

  #markStale(reason) {
    this.#warn(reason);
    this.#stale = true;
    const hasValue = this.#feedText !== null || this.#fallback !== null;
    this.#dispatch('kifu-error', { reason, stale: hasValue });
    if (this.#feedText === null) this.#failure = reason;
    this.#render();
  }

  #fail(reason, { retry }) {
    this.#failure = reason;
    this.#warn(reason);
    this.#dispatch('kifu-error', { reason, stale: this.#fallback !== null });
    this.#render();
    if (retry && this.isConnected) {
      const url = this.#campaignUrl;
      clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => {
        if (this.isConnected && url === this.#campaignUrl) this.#load(url);
      }, RETRY_MS);
    }
  }

  // console.warn, not console.error: a failed poll is expected weather on the
  // web, and the widget copes. Once per distinct reason, or a dead feed would
  // fill the console every few seconds.
  #warn(reason) {
    if (this.#warned.has(reason)) return;
    this.#warned.add(reason);
    console.warn(`<${this.constructor.tag}>: ${reason}`);
  }

  #dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** The options every subclass reads when it draws. */
  get options() {
    const options = { lang: this.lang, variant: this.variant };
    for (const name of BOOLEAN_ATTRIBUTES) options[camel(name)] = this.hasAttribute(name);
    return options;
  }

  #render() {
    // The text is in the widget's language, which the host page may not
    // share (a Japanese widget on a page marked lang="en", or with no lang
    // attribute): screen readers and the typesetting read it here.
    for (const node of this.#root.children) setAttr(node, 'lang', this.lang);
    if (this.constructor.ownView) {
      const ready = Boolean((this.#core || !this.constructor.needsCore) && this.#campaignOk);
      this.renderDocuments({
        core: ready ? this.#core : null,
        campaignText: ready ? this.#campaignText : null,
        feedText: ready ? this.#feedText : null,
        failure: ready ? '' : (this.#failure ?? ''),
      });
      return;
    }
    const lang = this.lang;
    const options = this.options;
    const live = this.#core && this.#campaignOk && this.#feedText !== null;
    if (!live) {
      if (this.#fallback) {
        const note = this.#failure ? NOTES[lang].failedWithValue : NOTES[lang].cached;
        this.renderView(this.#fallback, { ...options, live: false, stale: true, note });
      } else {
        this.renderPlaceholder({ ...options, failed: this.#failure ? NOTES[lang].failed : '' });
      }
      return;
    }
    this.#show(this.#renderProgress(this.#feedText, this.#stale));
  }

  // Draws a live view of the core's (or says the core failed).
  #show(view) {
    const lang = this.lang;
    const options = this.options;
    if (!view.ok) {
      // Both documents passed validation, so this is a core bug; say so once.
      this.#warn(`render failed: ${view.errors.map(diagnosticText).join('; ')}`);
      this.renderPlaceholder({ ...options, failed: NOTES[lang].failed });
      return;
    }
    this.#fallback = null;
    const { errors, announcement, ...saved } = view;
    if (!this.#stale) writeCache(this.#cacheKey(), saved);
    this.renderView(view, { ...options, live: true, stale: this.#stale, note: this.#stale ? view.staleNote : '' });
    this.#announce(announcement);
    const key = `${this.#feedText}\n${this.#stale}\n${lang}`;
    if (key !== this.#lastUpdateKey) {
      this.#lastUpdateKey = key;
      this.#dispatch('kifu-update', {
        raised: view.raised,
        percent: view.percent,
        donors: view.donorCount,
        goalReached: view.goalReached,
        stale: this.#stale,
      });
    }
    if (view.goalReached && !this.#goalEventSent) {
      this.#goalEventSent = true;
      this.#dispatch('kifu-goal-reached', { raised: view.raised, goal: view.goal, percent: view.percent });
    }
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
    this.announceText(text);
  }

  // Subclass hooks.
  buildParts() {
    throw new Error('buildParts: a subclass draws its own parts');
  }
  renderView() {}
  renderPlaceholder() {}
  renderDocuments() {}
  announceText(text) {
    const live = this.#root.querySelector('[aria-live]');
    if (live && live.textContent !== text) live.textContent = text;
  }
}

// Boolean attributes mirrored as properties: el.showDonors = true.
for (const name of BOOLEAN_ATTRIBUTES) {
  Object.defineProperty(KifuCampaignElement.prototype, camel(name), {
    get() {
      return this.hasAttribute(name);
    },
    set(value) {
      this.toggleAttribute(name, Boolean(value));
    },
    configurable: true,
  });
}
