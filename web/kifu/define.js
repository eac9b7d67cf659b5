// Registers <kifu-progress>. Safe to load twice (two snippets on one page, or
// the embed script and a page's own import): a second define() would throw.
import { KifuProgressElement } from './kifu-progress.js';

if (!customElements.get('kifu-progress')) {
  customElements.define('kifu-progress', KifuProgressElement);
}

export { KifuProgressElement };
