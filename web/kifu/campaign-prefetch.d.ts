/** The definition's text, one request per URL per page. */
export function fetchDefinition(url: string, started?: Promise<string> | null): Promise<string>;
/** Starts every kifu-* element's definition, then its feed; returns how many campaigns. */
export function prefetchCampaigns(doc?: Document, started?: Map<string, Promise<string>>, startedFeeds?: Map<string, Promise<Response>>): number;
