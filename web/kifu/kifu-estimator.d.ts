import type { Lang } from './core.js';

export interface KifuEstimatorEventMap {
  'kifu-error': CustomEvent<{ reason: string }>;
}

/**
 * <kifu-estimator>: "what do my points become?" — a balance field per point
 * program of the campaign and a target amount, answered on every keystroke.
 * The figures live in the page URL's fragment (e-<program id>, e-target).
 */
export class KifuEstimatorElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** URL of the campaign definition. */
  campaign: string;
  lang: Lang;
  addEventListener<K extends keyof KifuEstimatorEventMap>(type: K, listener: (this: this, event: KifuEstimatorEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: this, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
