// Runs a forecast in chunks and reports each partial view. One file plays
// both parts, so a worker's start costs one script request:
// - on the page, loaded only when the element cannot start a worker (a page
//   on another origin than the Kifu files may not start a worker from
//   them): the element runs the chunks itself;
// - started as a module worker (new Worker('forecast-runner.js')): it serves
//   the page's requests, off the main thread, so the page never stalls.
//
//   const module = await loadForecastModule(); // or ({ wasmModule }): a compiled WebAssembly.Module
//   const run = runForecast(module, request, (view) => show(view));
//
// The first chunk is small, so a usable answer appears at once; later chunks
// are sized by the time the last one took, so the partial views cost little
// in total. Same seed, same final view, whatever the chunking (the core
// makes path i depend only on the seed and i).

// The worker's own copy of the module, compiled while it downloads
// (streaming), started the moment the worker runs, beside the glue. As
// core-prefetch.js does for kifu-core (kept apart: importing it would cost
// the worker's start one more request): an HTTP error fails here, and a
// server that does not say application/wasm gets the same bytes compiled
// from a buffer, not a second download.
function compileWasm() {
  const url = new URL('./kifu-forecast.wasm', import.meta.url);
  return fetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const buffered = () => response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(response.clone()).catch(buffered) : buffered();
  });
}

let gluePromise = null;
// The Emscripten glue, fetched once; the worker asks for it as soon as it
// starts, while the wasm downloads and compiles.
function loadGlue() {
  if (!gluePromise) {
    gluePromise = import(new URL('./kifu-forecast.mjs', import.meta.url).href);
    gluePromise.catch(() => {
      gluePromise = null;
    });
  }
  return gluePromise;
}

let modulePromise = null;

/**
 * The forecast module (kifu-forecast.mjs + .wasm next to this file), loaded
 * once; from `wasmModule` (a compiled WebAssembly.Module) when given.
 */
export function loadForecastModule({ wasmModule, ...options } = {}) {
  if (!modulePromise) {
    // A failed instantiation (a glue and wasm from different deploys, no
    // memory) rejects here: the glue itself would wait for its instance
    // forever, and every run with it.
    let instantiated = null;
    const instantiate = wasmModule && {
      instantiateWasm(imports, receive) {
        instantiated = WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule));
        return {};
      },
    };
    modulePromise = loadGlue().then(({ default: create }) => {
      const created = create({ locateFile: (file) => new URL(file, import.meta.url).href, ...instantiate, ...options });
      return instantiated ? Promise.all([created, instantiated]).then(([module]) => module) : created;
    });
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

// 100 paths give a rough first answer in about a millisecond of simulation
// once the code is warm (parsing the documents and drawing the view cost
// more than that). Later chunks aim at CHUNK_MS each: long enough that the
// views (each a chart and a sort per fan point) stay a small part of the
// work, short enough that a cancel or another element's run waits little.
export const FIRST_CHUNK = 100;
const MAX_CHUNK = 8000;
const CHUNK_MS = 25;

/** The next chunk's size, from how long `paths` paths took (in ms). */
export function nextChunk(paths, ms) {
  const scaled = Math.round((paths * CHUNK_MS) / Math.max(ms, 0.5));
  return Math.max(paths, Math.min(scaled, paths * 4, MAX_CHUNK));
}

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

// The warm-up's yield: a message to itself, not setTimeout(0), which is
// clamped to 4 ms once timers nest five deep (the HTML standard's rule), as
// the warm-up's slices do: 18 slices lost about 50 ms to it, during which a
// request arriving found the code less warm. A message from the page posted
// during a slice is queued before this one, so a request still goes first.
function yieldAtOnce() {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Runs `request` in chunks, calling onView(view) after each; resolves with
 * the final view. Calling the returned `cancel` stops it between chunks.
 */
export function runForecast(module, request, onView) {
  let cancelled = false;
  const done = (async () => {
    const session = new module.ForecastSession(request);
    try {
      let chunk = FIRST_CHUNK;
      for (;;) {
        if (cancelled) return null;
        const t0 = performance.now();
        session.advance(chunk);
        const ms = performance.now() - t0;
        const view = plainView(session.view());
        onView(view);
        if (!view.ok || view.finished) return view;
        chunk = nextChunk(chunk, ms);
        await yieldToEvents();
      }
    } finally {
      session.delete();
    }
  })();
  return { done, cancel: () => { cancelled = true; } };
}

// A made-up campaign for warmUp, shaped like a real one so that it runs
// every part a real forecast runs (the first call of each wasm function
// compiles it, in the thread that calls it, and reading a definition runs
// code for each kind of field it holds): point programs of each shape,
// matching, impact units, four channels, a refund day, milestones, known
// events and a scenario, in the page's language. 240 days of history, as a
// campaign that has run most of a year has: the history's days are read in
// a loop, and each round must run it often enough for V8 to optimise it (a
// shorter one left the real request's reading several times slower than
// warm).
const WARM_UP_DAYS = 240;

function warmUpRequest(lang) {
  const day = (i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
  const days = Array.from({ length: WARM_UP_DAYS }, (_, i) => [day(i), 200_000 + ((i * 7919) % 1000) * 1000, 50_000, i === 40 ? -30_000 : 8_000, 1_000]);
  const raised = days.reduce((sum, [, a, b, c, d]) => sum + a + b + c + d, 0);
  const label = (ja, en) => ({ ja, en });
  return {
    campaignJson: JSON.stringify({
      schema_version: 1, id: 'warm-up', title: label('準備', 'Warm-up'), summary: label('準備です。', 'A warm-up.'),
      currency: 'JPY', goal: 1_000_000_000, start: '2026-01-01', end: '2027-03-31', time_zone: 'Asia/Tokyo',
      milestones: [{ amount: 100_000_000, label: label('一', 'One') }, { amount: 500_000_000, label: label('半分', 'Half') }],
      feed: { url: 'feed.json', poll_seconds: 30 },
      point_programs: [
        { id: 'a', name: label('甲', 'A'), points: 100, amount: 500, step: 100, point_value: { points: 1, amount: 5 } },
        { id: 'b', name: label('乙', 'B'), points: 1, amount: 1, min: 50, max_per_donation: 30_000, max_per_period: { points: 100_000, period: 'month' } },
        { id: 'c', name: label('丙', 'C'), unit: label('マイル', 'miles'), menu: [{ points: 500, amount: 500 }, { points: 2000, amount: 2000 }], point_value: { points: 1, amount: 2 } },
      ],
      matching: { sponsor: label('企業', 'A sponsor'), percent: 50, cap_per_donor: 10_000, cap_total: 50_000_000, start: '2026-01-01', end: '2027-03-31', channels: ['points'] },
      impact_units: [{ amount: 3000, label: label('{n}週間分', '{n} weeks'), label_en_one: '{n} week' }],
      tax_note: label('控除なし。', 'No deduction.'),
      sample_data: true,
    }),
    feedJson: JSON.stringify({
      schema_version: 1, campaign_id: 'warm-up', currency: 'JPY', raised, donors: 100, donations: 100,
      by_channel: { points: raised - 1_000, card: 1_000, transfer: 0, offline: 0 },
      as_of: `${day(WARM_UP_DAYS)}T10:00:00+09:00`, history: 'history.json',
    }),
    historyJson: JSON.stringify({
      schema_version: 1, campaign_id: 'warm-up', currency: 'JPY', through: day(WARM_UP_DAYS - 1),
      channels: ['points', 'card', 'transfer', 'offline'],
      events: [
        { label: label('週間', 'a week'), from: '2026-10-01', to: '2026-10-07', percent: 200 },
        { label: label('特集', 'a feature'), from: '2026-12-15', to: '2026-12-21', percent: 300 },
      ],
      scenarios: [{ label: label('仮定', 'an assumption'), from: '2026-10-01', to: '2027-03-31', people: 1000, each: 2500 }],
      days,
    }),
    lang: lang === 'en' ? 'en' : 'ja', seed: 1, paths: 2000, nowUnixMs: Date.parse(`${day(WARM_UP_DAYS)}T10:03:00+09:00`),
  };
}

// Three rounds: enough for V8 to start optimising what the real request
// runs, few enough that the warm-up is usually over before the request
// comes, and that its work (on two cores, beside the page's own loading)
// slows the page less. Editor's page, cold first partial, 20-24 fresh
// browsers a variant interleaved in one run (scratch A/Bs, four runs):
// medians with 6 rounds 15.8 / 15.9 / 18.7 / 15.1 ms, with 3 rounds
// 11.6 / 11.2 / 12.0 / 12.9; 4 rounds 15.8 and 2 rounds 18.5 (one run each;
// with 2 the real request still ran unoptimised). In the bench the warm-up
// was over before the request in 6 of 15 trials with 6 rounds, 21-23 of 30
// with 3.
const WARM_UP_ROUNDS = 3;

/**
 * Runs a made-up forecast a few times so that, when the real request comes,
 * its code is compiled and V8 has begun optimising the hot parts (the first
 * calls into a fresh module compile and run in the baseline tier, several
 * times slower). In slices (read the documents; simulate a few paths; draw
 * the view), yielding after each, and stopping as soon as `stop()` says a
 * real request is waiting: a request waits at most one slice.
 * `documents` may receive { campaignJson, feedJson } of the real campaign
 * while this runs: each is read once, first (the history is left out, so
 * only the definition and the feed are read, the part that differs most
 * between campaigns). Resolves with the number of slices run.
 */
export async function warmUp(module, stop = () => false, rounds = WARM_UP_ROUNDS, lang = 'ja', documents = []) {
  const request = warmUpRequest(lang);
  let session = null; // the round's, deleted when the round ends or stops
  const steps = [];
  for (let i = 0; i < rounds; i += 1) {
    steps.push(
      () => { session = new module.ForecastSession(request); },
      () => session.advance(50),
      () => {
        const view = plainView(session.view());
        session.delete();
        session = null;
        if (!view.ok) throw new Error(`warm-up: ${view.errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`);
      },
    );
  }
  const real = ({ campaignJson, feedJson }) => () => {
    const session = new module.ForecastSession({ ...request, campaignJson, feedJson, historyJson: '{}' });
    session.delete();
  };
  let slices = 0;
  let step = 0;
  try {
    while (!stop() && (documents.length > 0 || step < steps.length)) {
      if (documents.length > 0) real(documents.shift())();
      else steps[step++]();
      slices += 1;
      await yieldAtOnce();
    }
  } finally {
    session?.delete();
  }
  return slices;
}

// The worker's side. One worker serves every <kifu-forecast> of the page:
//
//   → { type: 'prepare', lang, warmUpRounds? }   first; the worker has begun fetching and
//                                         compiling the module and its glue already
//   → { type: 'documents', campaignJson, feedJson }   a campaign about to be asked for,
//                                         read in the warm-up if it is still idle
//   → { type: 'run', id, request }        ← { type: 'view', id, view } ... (last: view.finished)
//   → { type: 'cancel', id }              ← { type: 'error', id, message }
//                                         ← { type: 'ready' } once the module is instantiated
//                                           (the warm-up starts then)
//                                         ← { type: 'warmed', slices, stopped } when a warm-up
//                                           ends (stopped: it gave way to a run)
//
// 'prepare' comes once, first; a 'run' waits only for the module, never for
// the warm-up, which stops for it. Several runs take turns chunk by chunk.
function serve() {
  loadGlue().catch(() => {});
  const compiled = compileWasm();
  compiled.catch(() => {}); // loadForecastModule then tries the glue's own way
  const runs = new Map(); // id → { cancelled, run }, from the moment a run is received
  const documents = []; // the real campaigns' definitions and feeds, for the warm-up
  let prepared;
  const ready = new Promise((resolve) => {
    prepared = resolve;
  }).then(({ warmUpRounds }) => compiled
    .then((wasmModule) => loadForecastModule({ wasmModule }), () => loadForecastModule())
    .then((m) => [m, warmUpRounds]));
  let lang = 'ja';
  let warming = null;
  let warmedUp = false; // the first warm-up is over: documents start one of their own
  const warm = (rounds) => {
    warming ??= ready
      .then(([module]) => warmUp(module, () => runs.size > 0, rounds, lang, documents))
      .then((slices) => self.postMessage({ type: 'warmed', slices, stopped: runs.size > 0 }))
      .catch(() => {}) // a failure here shows in the runs
      .finally(() => {
        warming = null;
        warmedUp = true;
      });
  };
  ready.then(([, rounds]) => {
    self.postMessage({ type: 'ready' });
    warm(rounds);
  }, () => {});

  self.addEventListener('message', async ({ data }) => {
    if (data?.type === 'prepare') {
      lang = data.lang ?? lang;
      prepared({ warmUpRounds: data.warmUpRounds ?? WARM_UP_ROUNDS });
      return;
    }
    if (data?.type === 'documents') {
      documents.push({ campaignJson: data.campaignJson, feedJson: data.feedJson });
      if (documents.length > 4) documents.shift(); // many elements at once: the newest
      if (warmedUp && runs.size === 0) warm(0); // else the warm-up reads them next
      return;
    }
    if (data?.type === 'cancel') {
      const entry = runs.get(data.id);
      if (entry) {
        entry.cancelled = true;
        entry.run?.cancel();
        runs.delete(data.id);
      }
      return;
    }
    if (data?.type !== 'run') return;
    const { id, request } = data;
    const entry = { cancelled: false, run: null };
    runs.set(id, entry);
    try {
      const [module] = await ready;
      if (entry.cancelled) return;
      entry.run = runForecast(module, request, (view) => self.postMessage({ type: 'view', id, view }));
      await entry.run.done;
    } catch (error) {
      self.postMessage({ type: 'error', id, message: error?.message ?? String(error) });
    } finally {
      if (runs.get(id) === entry) runs.delete(id);
    }
  });
}

if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) serve();
