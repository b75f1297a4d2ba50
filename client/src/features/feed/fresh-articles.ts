/** Stories that arrived live, with the time they arrived, so their rows can flash once. */
const fresh = new Map<string, number>();

export const FRESH_MS = 8_000;

/** Records that a story just arrived over the socket. */
export function markFresh(id: string): void {
  fresh.set(id, Date.now());
  if (fresh.size > 200) {
    const cutoff = Date.now() - FRESH_MS;
    for (const [k, at] of fresh) if (at < cutoff) fresh.delete(k);
  }
}

/** Milliseconds since the story arrived live, or null when it came from a snapshot or long ago. */
export function freshAge(id: string): number | null {
  const at = fresh.get(id);
  if (at === undefined) return null;
  const age = Date.now() - at;
  return age < FRESH_MS ? age : null;
}
