import type { Locator, Page } from 'playwright-core';

/**
 * The desk's feed keeps only the rows near its viewport in the DOM; each row says where it sits
 * in the whole list (aria-posinset, 1 = newest) and how long the list is (aria-setsize).
 */

const ROWS = '[data-testid="feed"] [data-testid="article-row"]';

/** How many stories the feed list holds (rendered or not), 0 while it shows none. */
export async function feedSize(page: Page): Promise<number> {
  const first = page.locator(ROWS).first();
  if ((await first.count()) === 0) return 0;
  return Number((await first.getAttribute('aria-setsize')) ?? 0);
}

/**
 * Scrolls the feed until the row at `index` (0 = newest) is rendered and in view, and returns it.
 * Throws when the list does not hold that many stories.
 */
export async function feedRowAt(page: Page, index: number): Promise<Locator> {
  for (let step = 0; step < 200; step++) {
    const found = await page.evaluate(
      ({ rows, pos }) => {
        const scroller = document.querySelector<HTMLElement>('[data-testid="feed"] .feed-scroll');
        const shown = [...document.querySelectorAll<HTMLElement>(rows)];
        if (!scroller || shown.length === 0) return 'none';
        const row = shown.find((r) => Number(r.getAttribute('aria-posinset')) === pos);
        if (row) {
          row.scrollIntoView({ block: 'nearest' });
          return 'found';
        }
        const size = Number(shown[0]?.getAttribute('aria-setsize'));
        if (pos > size) return 'none';
        const firstPos = Number(shown[0]?.getAttribute('aria-posinset'));
        scroller.scrollBy({ top: (pos < firstPos ? -1 : 1) * scroller.clientHeight * 0.8 });
        return 'scrolled';
      },
      { rows: ROWS, pos: index + 1 },
    );
    if (found === 'none') throw new Error(`the feed has no row ${index}`);
    // The list renders the rows of the new scroll position on the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (found === 'found') return page.locator(`${ROWS}[aria-posinset="${index + 1}"]`);
  }
  throw new Error(`row ${index} of the feed was never rendered`);
}

/** Reads every row of the feed, newest first, scrolling through the whole list. */
export async function readFeedRows<T>(page: Page, read: (row: Locator) => Promise<T>): Promise<T[]> {
  const size = await feedSize(page);
  const out: T[] = [];
  for (let i = 0; i < size; i++) out.push(await read(await feedRowAt(page, i)));
  return out;
}

/** Scrolls through the feed until the story's row is rendered, and returns it. */
export async function feedRowWithId(page: Page, id: string): Promise<Locator> {
  const size = await feedSize(page);
  for (let i = 0; i < size; ) {
    await feedRowAt(page, i);
    const row = page.locator(`${ROWS}[data-article-id="${id}"]`);
    if ((await row.count()) > 0) {
      await row.scrollIntoViewIfNeeded();
      return row;
    }
    const last = await page.locator(ROWS).last().getAttribute('aria-posinset');
    i = Math.max(i + 1, Number(last));
  }
  throw new Error(`story ${id} is not in the feed`);
}
