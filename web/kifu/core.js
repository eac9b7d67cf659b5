// The friendly JavaScript face of the C++ core (kifu-core.mjs + .wasm).
//
//   const core = await loadCore();
//   const view = core.renderProgress({ campaignJson, feedJson, lang: 'ja' });
//   if (view.ok) show(view.raised); else console.warn(view.errors[0]);
//
// Embind checks almost nothing ("200" arrives as a double, a missing field is
// a bare TypeError from deep in the glue), so every argument is checked here
// and refused with a TypeError that names it. Lists arrive as plain arrays,
// so callers never hold wasm handles.

// A static import, so the browser fetches the glue with the first wave of
// modules instead of after this file has run.
import createKifuCore from './kifu-core.mjs';
import { compileCore } from './core-prefetch.js';
import { recentAnswers } from './recent-answers.js';

// One instance per page, however many widgets: each factory call would make
// a new module with its own memory. ES modules are singletons, so a
// module-level promise is enough and no global is needed.
let instance = null;

/**
 * Loads the module once; later calls return the same promise (their options
 * are ignored). Options go to the Emscripten factory, e.g. `{ wasmBinary }`
 * under Node, where the glue cannot fetch a file path.
 * @returns {Promise<KifuCore>}
 */
export function loadCore(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('loadCore: options must be an object');
  }
  if (!instance) {
    instance = instantiate(options);
    // A failed download may be retried by the next caller instead of failing forever.
    instance.catch(() => {
      instance = null;
    });
  }
  return instance;
}

let estimatorInstance = null;

/**
 * The same API from the estimator's module (kifu-estimator.mjs + .wasm),
 * loaded once, only by <kifu-estimator>: renderEstimate instead of
 * renderProgress, and the same validation. Kept apart so that a page of
 * progress widgets does not download the estimator.
 * @returns {Promise<KifuCore>}
 */
export function loadEstimatorCore(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('loadEstimatorCore: options must be an object');
  }
  if (!estimatorInstance) {
    estimatorInstance = import('./kifu-estimator.mjs').then(({ default: create }) => instantiate(options, create));
    estimatorInstance.catch(() => {
      estimatorInstance = null;
    });
  }
  return estimatorInstance;
}

async function instantiate(options, create = createKifuCore) {
  // Next to this file wherever it is served from, so the snippet an editor
  // pastes needs no configuration (and works from another origin).
  const settings = { locateFile: (file) => new URL(file, import.meta.url).href, ...options };
  let failure = null; // the instance failed: the glue would log it and wait forever
  if (create === createKifuCore && !options.wasmBinary) {
    // kifu-core's wasm as compiled by core-prefetch.js, which embed.js may
    // have started long before this runs, instantiated at once: the module
    // is compiled, so the instance costs a tenth of a millisecond, and the
    // glue, the widgets waiting for it and their first live render all run
    // in this task. Asynchronous instantiation answered in a later task,
    // and the browser drew a frame of placeholders in between (their first
    // layout, 17-27 ms in traces of the one-widget page) before the live one.
    const wasm = await compileCore();
    settings.instantiateWasm = (imports, receive) => {
      try {
        const compiled = new WebAssembly.Instance(wasm, imports);
        receive(compiled);
        return compiled.exports;
      } catch (error) {
        failure = error;
        return {};
      }
    };
  }
  const ready = create(settings);
  if (failure) throw failure;
  const module = await ready;
  return wrap(module.renderProgressJson ? fromJsonFunctions(module) : module);
}

// kifu-core's Embind functions take texts and return one JSON text each
// (src/wasm/core_bindings.cpp says why): this gives them the same face as the
// estimator module's value_object functions.
function fromJsonFunctions(module) {
  return {
    renderProgress: ({ campaignJson, feedJson, lang, variant, nowUnixMs, stale }) =>
      JSON.parse(module.renderProgressJson(campaignJson, feedJson, lang, variant, nowUnixMs, stale)),
    validateCampaign: (campaign) => JSON.parse(module.validateCampaignJson(campaign)),
    validateFeed: (feed, campaign) => JSON.parse(module.validateFeedJson(feed, campaign)),
    formatAmount: (minor, currency, lang, compact) => JSON.parse(module.formatAmountJson(minor, currency, lang, compact)),
  };
}

const LANGS = ['ja', 'en'];
const VARIANTS = ['bar', 'ring', 'thermometer'];

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function fail(fn, name, expected, value) {
  throw new TypeError(`${fn}: ${name} must be ${expected} (got ${describe(value)})`);
}

function checkString(fn, name, value) {
  if (typeof value !== 'string') fail(fn, name, 'a string', value);
  return value;
}

function checkOneOf(fn, name, value, allowed) {
  if (!allowed.includes(value)) fail(fn, name, allowed.map((a) => `"${a}"`).join(' or '), value);
  return value;
}

function checkBoolean(fn, name, value) {
  if (typeof value !== 'boolean') fail(fn, name, 'a boolean', value);
  return value;
}

// Amounts must not pass through a JavaScript number that has lost digits:
// decimal strings and BigInts go through as they are, numbers only when they
// are exact integers.
function checkMinorUnits(fn, name, value) {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return value;
  return fail(fn, name, 'an integer amount in minor units (decimal string, BigInt or safe integer)', value);
}

// Both modules hand lists over as plain arrays of plain objects (no Embind
// vectors to free); only the two documented fields are kept.
function takeDiagnostics(list) {
  return list.map(({ pointer, message }) => ({ pointer, message }));
}

function takeValidation(result) {
  const errors = takeDiagnostics(result.errors);
  const warnings = takeDiagnostics(result.warnings);
  return { ok: result.ok, kind: result.kind, errors, warnings };
}

/** "/raised: must not be negative" — the form the core uses in logs. */
export function diagnosticText({ pointer, message }) {
  return pointer ? `${pointer}: ${message}` : message;
}

// renderProgress depends on its request alone, and a page with several
// widgets of one campaign asks the same question several times in one task:
// ten widgets in five variants need three core variants, and the widgets
// drawn together share one instant (campaign-element.js). The newest answers
// are kept, so a repeat costs a copy instead of a trip into wasm with every
// text marshalled in and out.
const copyView = (view) => ({ ...view, errors: view.errors.map((d) => ({ ...d })) });

function wrap(module) {
  const recentViews = recentAnswers(8);
  return Object.freeze({
    /**
     * Everything the progress widget shows, as text.
     * @param {{campaignJson: string, feedJson: string, lang?: 'ja'|'en',
     *          variant?: 'bar'|'ring'|'thermometer', nowUnixMs?: number, stale?: boolean}} request
     */
    renderProgress(request) {
      const fn = 'renderProgress';
      if (request === null || typeof request !== 'object') fail(fn, 'request', 'an object', request);
      const { campaignJson, feedJson, lang = 'ja', variant = 'bar', nowUnixMs = Date.now(), stale = false } = request;
      const checked = {
        campaignJson: checkString(fn, 'campaignJson', campaignJson),
        feedJson: checkString(fn, 'feedJson', feedJson),
        lang: checkOneOf(fn, 'lang', lang, LANGS),
        variant: checkOneOf(fn, 'variant', variant, VARIANTS),
        nowUnixMs: typeof nowUnixMs === 'number' && Number.isFinite(nowUnixMs)
          ? nowUnixMs
          : fail(fn, 'nowUnixMs', 'a finite number (milliseconds since 1970)', nowUnixMs),
        stale: checkBoolean(fn, 'stale', stale),
      };
      const { campaignJson: c, feedJson: f, lang: l, variant: v, nowUnixMs: t, stale: st } = checked;
      // The definition's length marks where it ends and the feed begins.
      const view = recentViews(`${l} ${v} ${t} ${st} ${c.length} ${c}${f}`, () => {
        const answer = module.renderProgress(checked);
        return { ...answer, errors: takeDiagnostics(answer.errors) };
      });
      return copyView(view);
    },

    /**
     * What a visitor's typed balances and target become, as text; one call
     * per keystroke. Texts go to the core exactly as typed: it reads them.
     * @param {{campaignJson: string, feedJson?: string, balances?: Record<string, string>,
     *          target?: string, lang?: 'ja'|'en', nowUnixMs?: number}} request
     */
    renderEstimate(request) {
      const fn = 'renderEstimate';
      if (request === null || typeof request !== 'object') fail(fn, 'request', 'an object', request);
      const { campaignJson, feedJson = '', balances = {}, target = '', lang = 'ja', nowUnixMs = Date.now() } = request;
      if (balances === null || typeof balances !== 'object' || Array.isArray(balances)) {
        fail(fn, 'balances', 'an object of program id -> typed text', balances);
      }
      for (const [id, text] of Object.entries(balances)) checkString(fn, `balances[${JSON.stringify(id)}]`, text);
      const checked = {
        campaignJson: checkString(fn, 'campaignJson', campaignJson),
        feedJson: checkString(fn, 'feedJson', feedJson),
        inputsJson: JSON.stringify({ balances, target: checkString(fn, 'target', target) }),
        lang: checkOneOf(fn, 'lang', lang, LANGS),
        nowUnixMs: typeof nowUnixMs === 'number' && Number.isFinite(nowUnixMs)
          ? nowUnixMs
          : fail(fn, 'nowUnixMs', 'a finite number (milliseconds since 1970)', nowUnixMs),
      };
      const view = module.renderEstimate(checked);
      const errors = takeDiagnostics(view.errors);
      return { ...view, errors };
    },

    /** @returns {{ok: boolean, kind: string, errors: Diagnostic[], warnings: Diagnostic[]}} */
    validateCampaign(campaignText) {
      return takeValidation(module.validateCampaign(checkString('validateCampaign', 'campaignText', campaignText)));
    },

    /** campaignText is optional: without it the feed is checked on its own. */
    validateFeed(feedText, campaignText = '') {
      const fn = 'validateFeed';
      return takeValidation(
        module.validateFeed(checkString(fn, 'feedText', feedText), checkString(fn, 'campaignText', campaignText)),
      );
    },

    /**
     * formatAmount('182600000', 'JPY', 'ja', { compact: true }) -> { ok: true, text: '1.8億円', error: '' }
     */
    formatAmount(minorUnits, currencyCode, lang = 'ja', { compact = false } = {}) {
      const fn = 'formatAmount';
      const minor = checkMinorUnits(fn, 'minorUnits', minorUnits);
      if (typeof currencyCode !== 'string' || !/^[A-Z]{3}$/.test(currencyCode)) {
        fail(fn, 'currencyCode', 'an ISO 4217 code such as "JPY"', currencyCode);
      }
      checkOneOf(fn, 'lang', lang, LANGS);
      checkBoolean(fn, 'compact', compact);
      const { ok, text, error } = module.formatAmount(minor, currencyCode, lang, compact);
      return { ok, text, error };
    },
  });
}
