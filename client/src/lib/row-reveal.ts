/**
 * Lists that keep only the rows near their viewport in the DOM (the feed) register here, so the
 * keyboard can bring a row that is not rendered into view by its story id.
 */
type Revealer = (id: string) => boolean;

const revealers = new Set<Revealer>();

/** Registers a list's "scroll this story into range" function; returns the unregister call. */
export function registerRowRevealer(reveal: Revealer): () => void {
  revealers.add(reveal);
  return () => {
    revealers.delete(reveal);
  };
}

/** Asks the registered lists to scroll the story's row into range; true when one holds it. */
export function revealOffscreenRow(id: string): boolean {
  for (const reveal of revealers) if (reveal(id)) return true;
  return false;
}
