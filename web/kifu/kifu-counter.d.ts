import { KifuCampaignElement } from './campaign-element.js';

export type CounterVariant = 'raised' | 'donors';

/** <kifu-counter>: one big live number, the amount raised or the donors. */
export class KifuCounterElement extends KifuCampaignElement {
  variant: CounterVariant;
}
