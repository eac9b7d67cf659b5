// Runs a forecast in chunks and reports each partial view: the code the
// forecast worker runs, and the fallback the widget runs on the page itself
// when it cannot start a worker (a page on another origin than the Kifu
// files may not start a worker from them).
//
//   const stop = runForecast(request, (view) => show(view));
//
// The first chunk is small, so a usable answer appears while V8 still runs
// the module in its baseline tier; later chunks grow, so the total cost of
// the partial views stays small. Same seed, same final view, whatever the
// chunking (the core makes path i depend only on the seed and i).

let modulePromise = null;

/** The forecast module (kifu-forecast.mjs + .wasm next to this file), loaded once. */
export function loadForecastModule(options = {}) {
  if (!modulePromise) {
    modulePromise = import(new URL('./kifu-forecast.mjs', import.meta.url).href).then(({ default: create }) =>
      create({ locateFile: (file) => new URL(file, import.meta.url).href, ...options }),
    );
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

const FIRST_CHUNK = 250;
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
