import type { FeedReply } from './feed-poller.js';

/** The definition's text, one request per URL per page. */
export function fetchDefinition(url: string, started?: Promise<string> | null): Promise<string>;
/** Starts every kifu-* element's definition, then its feed (and a forecast's history, unless told not to); returns how many campaigns. */
export function prefetchCampaigns(doc?: Document, started?: Map<string, Promise<string>>, options?: { feeds?: Map<string, Promise<FeedReply>>; histories?: boolean }): number;
/** A forecast's history text: the early request's the first time, a new request after that. */
export function fetchHistory(url: string): Promise<string>;
