// Registers <kifu-progress> and <kifu-estimator>. Safe to load twice (two
// snippets on one page, or the embed script and a page's own import): a
// second define() would throw.
import { KifuEstimatorElement } from './kifu-estimator.js';
import { KifuProgressElement } from './kifu-progress.js';

if (!customElements.get('kifu-progress')) {
  customElements.define('kifu-progress', KifuProgressElement);
}
if (!customElements.get('kifu-estimator')) {
  customElements.define('kifu-estimator', KifuEstimatorElement);
}

export { KifuEstimatorElement, KifuProgressElement };
