// Runs a forecast in chunks and reports each partial view: the code the
// forecast worker runs, and the fallback the widget runs on the page itself
// when it cannot start a worker (a page on another origin than the Kifu
// files may not start a worker from them).
//
//   const module = await loadForecastModule({ wasmModule: await compileForecastModule() });
//   const run = runForecast(module, request, (view) => show(view));
//
// The first chunk is small, so a usable answer appears even before V8 has
// optimised the module; later chunks grow, so the total cost of the partial
// views stays small. Same seed, same final view, whatever the chunking (the
// core makes path i depend only on the seed and i).

const wasmUrl = () => new URL('./kifu-forecast.wasm', import.meta.url).href;
let compilePromise = null;

/**
 * The forecast's wasm compiled once per page (streaming: it compiles while it
 * downloads), to be posted to each worker or instantiated on the page.
 */
export function compileForecastModule() {
  if (!compilePromise) {
    const response = fetch(wasmUrl(), { credentials: 'same-origin' });
    compilePromise = (WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(response)
      : response.then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));
    compilePromise.catch(() => {
      compilePromise = null;
    });
  }
  return compilePromise;
}

let modulePromise = null;

/**
 * The forecast module (kifu-forecast.mjs + .wasm next to this file), loaded
 * once; from `wasmModule` (a compiled WebAssembly.Module) when given.
 */
export function loadForecastModule({ wasmModule, ...options } = {}) {
  if (!modulePromise) {
    const instantiate = wasmModule && {
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule));
        return {};
      },
    };
    modulePromise = import(new URL('./kifu-forecast.mjs', import.meta.url).href).then(({ default: create }) =>
      create({ locateFile: (file) => new URL(file, import.meta.url).href, ...instantiate, ...options }),
    );
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

// 100 paths give a rough first answer in a few milliseconds even in V8's
// baseline tier; then doubling, so a 2,000-path forecast takes 5 views.
const FIRST_CHUNK = 100;
const MAX_CHUNK = 4000;

// Embind vectors become arrays, and are freed at once.
function takeVector(vector, map = (x) => x) {
  try {
    const out = [];
    for (let i = 0; i < vector.size(); i += 1) out.push(map(vector.get(i)));
    return out;
  } finally {
    vector.delete();
  }
}

export function plainView(view) {
  return {
    ...view,
    errors: takeVector(view.errors, ({ pointer, message }) => ({ pointer, message })),
    details: takeVector(view.details),
  };
}

const yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `request` in growing chunks, calling onView(view) after each; resolves
 * with the final view. Calling the returned `cancel` stops it between chunks.
 */
export function runForecast(module, request, onView) {
  let cancelled = false;
  const done = (async () => {
    const session = new module.ForecastSession(request);
    try {
      let chunk = FIRST_CHUNK;
      for (;;) {
        if (cancelled) return null;
        session.advance(chunk);
        const view = plainView(session.view());
        onView(view);
        if (!view.ok || view.finished) return view;
        chunk = Math.min(chunk * 2, MAX_CHUNK);
        await yieldToEvents();
      }
    } finally {
      session.delete();
    }
  })();
  return { done, cancel: () => { cancelled = true; } };
}

// A small made-up campaign (100 days of history) for warmUp: valid, so it
// runs every part a real forecast runs (parsing, simulation, chart, text).
function warmUpRequest() {
  const day = (i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
  const days = Array.from({ length: 100 }, (_, i) => [day(i), 200_000 + ((i * 7919) % 1000) * 1000, 50_000, 0, 0]);
  const raised = days.reduce((sum, [, a, b]) => sum + a + b, 0);
  return {
    campaignJson: JSON.stringify({
      schema_version: 1, id: 'warm-up', title: { ja: '準備', en: 'Warm-up' }, currency: 'JPY', goal: 1_000_000_000,
      start: '2026-01-01', end: '2026-12-31', milestones: [{ amount: 500_000_000, label: { ja: '半分', en: 'Half' } }],
      feed: { url: 'feed.json' },
    }),
    feedJson: JSON.stringify({
      schema_version: 1, campaign_id: 'warm-up', currency: 'JPY', raised, donors: 100, donations: 100,
      as_of: '2026-04-11T10:00:00+09:00', history: 'history.json',
    }),
    historyJson: JSON.stringify({ schema_version: 1, campaign_id: 'warm-up', currency: 'JPY', days }),
    lang: 'ja', seed: 1, paths: 100, nowUnixMs: Date.parse('2026-04-11T10:03:00+09:00'),
  };
}

/**
 * Runs a few small made-up forecasts, yielding between them, so that V8 has
 * optimised the module's hot code before the real request arrives (the first
 * calls into a fresh module run in its baseline tier, about 5x slower). For
 * the worker, while the page still fetches the campaign's documents; stops
 * early when `stop()` says a real request is waiting. Rounds are small (a
 * few milliseconds once optimised), so a request waits little for one.
 */
export async function warmUp(module, stop = () => false, rounds = 12) {
  const request = warmUpRequest();
  for (let i = 0; i < rounds && !stop(); i += 1) {
    const session = new module.ForecastSession(request);
    try {
      session.advance(50);
      const view = plainView(session.view());
      if (!view.ok) throw new Error(`warm-up: ${view.errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`);
    } finally {
      session.delete();
    }
    await yieldToEvents();
  }
}
