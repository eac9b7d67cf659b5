// Types of feed-poller.js: one poller per feed URL per page.

export type FeedMessage = { text: string; etag: string | null; fetchedAt: number } | { error: string };
export type FeedListener = (message: FeedMessage) => void;
/** A feed's response read to the end; text is null unless the status is 2xx. */
export type FeedReply = { status: number; statusText: string; etag: string | null; text: string | null };

/** Reads a feed's response to the end. */
export function readFeedReply(response: Response): Promise<FeedReply>;

export const DEFAULT_INTERVAL_SECONDS: number;
export const MIN_INTERVAL_SECONDS: number;
export const MAX_BACKOFF_SECONDS: number;

/** Subscribes to a feed; returns the function that unsubscribes. */
export function subscribeFeed(url: string | URL, listener: FeedListener, options?: { intervalSeconds?: number; started?: Promise<FeedReply> | null }): () => void;

export interface FeedPollerOptions {
  minIntervalSeconds?: number;
  maxBackoffSeconds?: number;
  fetch?: typeof fetch;
  doc?: Pick<Document, 'hidden' | 'addEventListener'>;
  baseUrl?: string;
}
export function createFeedPollers(options?: FeedPollerOptions): { subscribeFeed: typeof subscribeFeed };
