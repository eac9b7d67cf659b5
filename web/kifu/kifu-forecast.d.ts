import type { Lang } from './core.js';

/** detail of kifu-forecast: the final answer (not the partial ones) is on screen. */
export interface KifuForecastDetail {
  status: 'ok' | 'not_enough_data' | 'goal_reached' | 'ended';
  headline: string;
  /** "12%", "1%未満"…; "" when nothing was simulated. */
  chance: string;
}

export interface KifuForecastEventMap {
  'kifu-forecast': CustomEvent<KifuForecastDetail>;
  'kifu-error': CustomEvent<{ reason: string }>;
}

/** <kifu-forecast>: where a campaign is heading, as a chart and a sentence. */
export class KifuForecastElement extends HTMLElement {
  static readonly observedAttributes: string[];
  campaign: string;
  lang: Lang;
  /** Whole number 0…2^53−1; the same seed gives the same forecast. Default 1. */
  seed: number;
  /** Simulated futures, clamped to 100–20,000. Default 2,000. */
  paths: number;
  addEventListener<K extends keyof KifuForecastEventMap>(type: K, listener: (this: this, event: KifuForecastEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: this, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
