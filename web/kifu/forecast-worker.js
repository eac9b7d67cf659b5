// The forecast's Web Worker: runs the simulation off the page's main thread
// and posts a view after every chunk, so the page never stalls and the first
// answer appears at once, then sharpens. Started by <kifu-forecast> as a
// module worker from the same folder ('self' under the site's CSP).
//
//   → { type: 'run', id, request }       ← { type: 'view', id, view } ... (last: view.finished)
//   → { type: 'cancel', id }             ← { type: 'error', id, message }
import { loadForecastModule, runForecast } from './forecast-runner.js';

let current = null;

self.addEventListener('message', async ({ data }) => {
  if (data?.type === 'cancel' || data?.type === 'run') {
    current?.cancel();
    current = null;
  }
  if (data?.type !== 'run') return;
  const { id, request } = data;
  try {
    const module = await loadForecastModule();
    const run = runForecast(module, request, (view) => self.postMessage({ type: 'view', id, view }));
    current = run;
    await run.done;
  } catch (error) {
    self.postMessage({ type: 'error', id, message: error?.message ?? String(error) });
  }
});
