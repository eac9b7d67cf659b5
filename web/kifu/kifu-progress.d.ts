import { KifuCampaignElement } from './campaign-element.js';
import type { ProgressVariant } from './core.js';

/** <kifu-progress>: the live total beside the goal, as a bar, ring or thermometer. */
export class KifuProgressElement extends KifuCampaignElement {
  variant: ProgressVariant;
}
export function parseSvg(markup: string): SVGSVGElement | null;
