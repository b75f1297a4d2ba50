import type { Article } from '../../../../shared/index.js';

/** Pure placement of other stories' markers and of the line-end labels (unit-tested). */

/** Another story about the selected story's tickers, as the chart marks it. */
export interface RelatedStory {
  article: Article;
  /** The shared ticker is what that story is about (primary), not only mentioned there. */
  about: boolean;
}

/** What a story is about: its primary tickers, or its first ticker when it has no primary one. */
export function aboutSymbols(article: Pick<Article, 'tickers'>): string[] {
  const primary = article.tickers.filter((t) => t.primary).map((t) => t.symbol);
  return primary.length > 0 ? primary : article.tickers.slice(0, 1).map((t) => t.symbol);
}

/**
 * Other stories tagged with one of the symbols the selected story is about (aboutSymbols), from
 * every source given, once each, oldest first.
 */
export function relatedStories(
  selected: Article,
  ...sources: readonly (readonly Article[])[]
): RelatedStory[] {
  const symbols = aboutSymbols(selected);
  const seen = new Set<string>([selected.id]);
  const out: RelatedStory[] = [];
  for (const list of sources) {
    for (const a of list) {
      if (seen.has(a.id)) continue;
      const shared = a.tickers.filter((t) => symbols.includes(t.symbol));
      if (shared.length === 0) continue;
      seen.add(a.id);
      out.push({ article: a, about: shared.some((t) => t.primary) });
    }
  }
  return out.sort((a, b) => a.article.publishedAt - b.article.publishedAt || a.article.seq - b.article.seq);
}

export interface PlacedMarker<T> {
  item: T;
  /** Pixel x inside the chart. */
  x: number;
  /** 0 on the axis, 1 and up stacked above when markers would overlap. */
  lane: number;
}

export interface PlaceOptions {
  from: number;
  to: number;
  /** Plot area in pixels. */
  left: number;
  width: number;
  /** Markers closer than this share a spot and are stacked instead. */
  minGapPx: number;
  lanes: number;
}

/**
 * Puts each item inside [from, to] at its time on the x axis; items that would overlap go to the
 * lowest free lane above (or, with every lane taken, to the one whose last marker is furthest left).
 */
export function placeMarkers<T>(
  items: readonly T[],
  timeOf: (item: T) => number,
  opts: PlaceOptions,
): PlacedMarker<T>[] {
  const { from, to, left, width, minGapPx } = opts;
  if (!(to > from) || !(width > 0)) return [];
  const lanes = Math.max(1, opts.lanes);
  const laneEnd: number[] = Array.from({ length: lanes }, () => -Infinity);
  return items
    .filter((it) => timeOf(it) >= from && timeOf(it) <= to)
    .sort((a, b) => timeOf(a) - timeOf(b))
    .map((item) => {
      const x = left + ((timeOf(item) - from) / (to - from)) * width;
      let lane = laneEnd.findIndex((end) => x - end >= minGapPx);
      if (lane < 0) lane = laneEnd.indexOf(Math.min(...laneEnd));
      laneEnd[lane] = x;
      return { item, x, lane };
    });
}

/**
 * Vertical positions for labels wanted at `ys` (pixels), at least `gap` apart and inside
 * [top, bottom], each as close to its wish as that allows. Returned in the order given.
 */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.min(Math.max(o.y, top), bottom));
  for (let k = 1; k < placed.length; k++) {
    placed[k] = Math.max(placed[k] as number, (placed[k - 1] as number) + gap);
  }
  // Pushed past the bottom: shift the tail back up, keeping the gaps.
  const last = placed.length - 1;
  if (last >= 0 && (placed[last] as number) > bottom) {
    placed[last] = bottom;
    for (let k = last - 1; k >= 0; k--)
      placed[k] = Math.min(placed[k] as number, (placed[k + 1] as number) - gap);
  }
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => {
    out[o.i] = placed[k] as number;
  });
  return out;
}
