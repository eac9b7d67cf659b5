import type { KifuCounterElement } from './kifu-counter.js';
import type { KifuEstimatorElement } from './kifu-estimator.js';
import type { KifuForecastElement } from './kifu-forecast.js';
import type { KifuProgressElement } from './kifu-progress.js';

/** The registered widget names: progress first, then alphabetical. */
export const WIDGET_NAMES: readonly string[];
export function elementClass(module: object): CustomElementConstructor | undefined;
export { KifuProgressElement } from './kifu-progress.js';

declare global {
  interface HTMLElementTagNameMap {
    'kifu-progress': KifuProgressElement;
    'kifu-counter': KifuCounterElement;
    'kifu-forecast': KifuForecastElement;
    'kifu-estimator': KifuEstimatorElement;
  }
}
