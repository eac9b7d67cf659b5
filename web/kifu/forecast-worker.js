// The forecast's Web Worker: runs the simulation off the page's main thread
// and posts a view after every chunk, so the page never stalls and the first
// answer appears at once, then sharpens. Started by <kifu-forecast> as a
// module worker from the same folder ('self' under the site's CSP) as soon
// as the element connects, before its documents are fetched: the module is
// instantiated and warmed up while the page fetches, so when the request
// comes only the first chunk's compute remains.
//
//   → { type: 'prepare', module }        module: the page's compiled WebAssembly.Module,
//                                         or null (the worker fetches and compiles it)
//   → { type: 'run', id, request }       ← { type: 'view', id, view } ... (last: view.finished)
//   → { type: 'cancel', id }             ← { type: 'error', id, message }
// 'prepare' comes once, first or later: a 'run' waits for it.
import { loadForecastModule, runForecast, warmUp } from './forecast-runner.js';

// The glue loads while the page compiles the module.
import('./kifu-forecast.mjs').catch(() => {});

let current = null;
let runRequested = false;
let prepared;
const ready = new Promise((resolve) => {
  prepared = resolve;
}).then((wasmModule) => loadForecastModule(wasmModule ? { wasmModule } : {}));

// Warm up until the first real request arrives; a failure here shows in the run.
ready.then((module) => warmUp(module, () => runRequested)).catch(() => {});

self.addEventListener('message', async ({ data }) => {
  if (data?.type === 'prepare') prepared(data.module ?? null);
  if (data?.type === 'cancel' || data?.type === 'run') {
    current?.cancel();
    current = null;
  }
  if (data?.type !== 'run') return;
  runRequested = true;
  const { id, request } = data;
  try {
    const module = await ready;
    const run = runForecast(module, request, (view) => self.postMessage({ type: 'view', id, view }));
    current = run;
    await run.done;
  } catch (error) {
    self.postMessage({ type: 'error', id, message: error?.message ?? String(error) });
  }
});
