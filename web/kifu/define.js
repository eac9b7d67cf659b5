// Registers <kifu-progress> and <kifu-forecast>. Safe to load twice (two
// snippets on one page, or the embed script and a page's own import): a
// second define() would throw.
import { KifuForecastElement } from './kifu-forecast.js';
import { KifuProgressElement } from './kifu-progress.js';

if (!customElements.get('kifu-progress')) {
  customElements.define('kifu-progress', KifuProgressElement);
}
if (!customElements.get('kifu-forecast')) {
  customElements.define('kifu-forecast', KifuForecastElement);
}

export { KifuForecastElement, KifuProgressElement };
