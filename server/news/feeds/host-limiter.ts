import { isSecHost } from './feed-list.js';

/** SEC EDGAR allows 10 requests a second per client: keep starts at least this far apart. */
export const SEC_SPACING_MS = 105;
/** Feeds of one site are not fetched in the same instant either (a list of per-ticker feeds). */
export const HOST_SPACING_MS = 250;

/**
 * Spaces the requests to one site: every sec.gov host shares one slot (at most ten requests a
 * second, as the SEC asks), every other host its own. Requests wait their turn; none is dropped.
 */
export class HostLimiter {
  private readonly nextAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when a request to this host may start (and books that slot). */
  async take(host: string, signal?: AbortSignal): Promise<void> {
    const sec = isSecHost(host);
    const key = sec ? 'sec.gov' : host.toLowerCase();
    const spacing = sec ? SEC_SPACING_MS : HOST_SPACING_MS;
    const now = this.now();
    const at = Math.max(now, this.nextAt.get(key) ?? 0);
    this.nextAt.set(key, at + spacing);
    if (at <= now) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, at - now);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
