// Types of campaign-element.js: what every live-total widget shares
// (attributes mirrored as properties, and the events it sends).
import type { Lang } from './core.js';

export type Theme = 'auto' | 'light' | 'dark';

/** Whether this browser saved a view of the campaign (absolute URL), in any language or variant. */
export function hasSavedView(campaignUrl: string): boolean;

/** detail of kifu-update: a new total is on screen. */
export interface KifuUpdateDetail {
  raised: string;
  percent: string;
  donors: string;
  goalReached: boolean;
  stale: boolean;
}
/** detail of kifu-error: something could not be loaded; stale: the last total stays. */
export interface KifuErrorDetail {
  reason: string;
  stale: boolean;
}
/** detail of kifu-goal-reached: sent once per element. */
export interface KifuGoalReachedDetail {
  raised: string;
  goal: string;
  percent: string;
}

export interface KifuEventMap {
  'kifu-update': CustomEvent<KifuUpdateDetail>;
  'kifu-error': CustomEvent<KifuErrorDetail>;
  'kifu-goal-reached': CustomEvent<KifuGoalReachedDetail>;
}

export class KifuCampaignElement extends HTMLElement {
  static readonly observedAttributes: string[];
  static readonly tag: string;
  static readonly variants: readonly string[];
  campaign: string;
  lang: Lang;
  variant: string;
  theme: Theme;
  /** URL of a view from `kifu render progress --json`, or "#id" of a `<script type="application/json">` in the page that holds one (read at once, no request). */
  snapshot: string;
  compact: boolean;
  showDonors: boolean;
  showMilestones: boolean;
  showDaysLeft: boolean;
  reducedMotion: boolean;
  addEventListener<K extends keyof KifuEventMap>(type: K, listener: (this: this, event: KifuEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: this, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  // The events bubble and are composed: a page may listen on document.
  interface DocumentEventMap extends KifuEventMap {}
  interface HTMLElementEventMap extends KifuEventMap {}
}
