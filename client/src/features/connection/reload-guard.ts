const GUARD_PREFIX = 'tickerwire:auto-reloads:';
const WINDOW_MS = 5 * 60_000;
const MAX_RELOADS = 3;

/**
 * True when an automatic reload for `reason` may go ahead: at most 3 in 5 minutes, so a server
 * that keeps answering with something unexpected cannot put the page into a reload loop.
 */
export function mayAutoReload(reason: string): boolean {
  const key = `${GUARD_PREFIX}${reason}`;
  try {
    const raw = sessionStorage.getItem(key);
    const entry = raw ? (JSON.parse(raw) as { n: number; at: number }) : { n: 0, at: 0 };
    const n = Date.now() - entry.at < WINDOW_MS ? entry.n : 0;
    if (n >= MAX_RELOADS) return false;
    sessionStorage.setItem(key, JSON.stringify({ n: n + 1, at: Date.now() }));
    return true;
  } catch {
    return true;
  }
}
