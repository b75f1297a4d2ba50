/** Readable names of the sites market feeds come from, by the end of their host name. */
const SITES: [RegExp, string][] = [
  [/(^|\.)finance\.yahoo\.com$|(^|\.)yahoo\.com$/i, 'Yahoo Finance'],
  [/(^|\.)nasdaq\.com$/i, 'Nasdaq'],
  [/(^|\.)sec\.gov$/i, 'SEC EDGAR'],
  [/(^|\.)globenewswire\.com$/i, 'GlobeNewswire'],
  [/(^|\.)prnewswire\.com$/i, 'PR Newswire'],
  [/(^|\.)businesswire\.com$/i, 'Business Wire'],
  [/(^|\.)cnbc\.com$/i, 'CNBC'],
  [/(^|\.)marketwatch\.com$/i, 'MarketWatch'],
  [/(^|\.)benzinga\.com$/i, 'Benzinga'],
  [/(^|\.)reuters\.com$/i, 'Reuters'],
  [/(^|\.)wsj\.com$|(^|\.)dowjones\.io$/i, 'The Wall Street Journal'],
  [/(^|\.)ft\.com$/i, 'Financial Times'],
  [/(^|\.)seekingalpha\.com$/i, 'Seeking Alpha'],
  [/(^|\.)investing\.com$/i, 'Investing.com'],
  [/(^|\.)accesswire\.com$/i, 'ACCESSWIRE'],
];

/** The source name of a feed's stories: the configured name, the site's usual name, else its host. */
export function feedSourceName(url: string, configured: string | null): string {
  if (configured) return configured;
  const host = new URL(url).hostname.replace(/^www\./i, '');
  return SITES.find(([re]) => re.test(host))?.[1] ?? host;
}

/** A feed's URL for logs and the health page: query values are left out (a feed URL may carry a key). */
export function displayUrl(url: string): string {
  const u = new URL(url);
  const keys = [...new Set(u.searchParams.keys())];
  return `${u.origin}${u.pathname}${keys.length ? `?${keys.map((k) => `${k}=…`).join('&')}` : ''}`;
}
