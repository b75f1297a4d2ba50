import { describe, expect, it } from 'vitest';
import { type Article, newReaction } from '../../../../shared/index.js';
import {
  checkMove,
  describeAlert,
  isWatching,
  moveWatches,
  NEWS_MAX_AGE_MS,
  newsAlert,
} from './alert-rules.js';
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from './alert-settings.js';

const on: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, enabled: true, watchlist: ['NVDA', 'AMD'] };

function article(symbols: string[], publishedAt = 1_000_000): Article {
  return {
    id: `a-${symbols.join('-')}`,
    seq: 1,
    headline: 'Chip news',
    summary: null,
    body: null,
    source: 'Test',
    url: null,
    externalId: null,
    publishedAt,
    receivedAt: publishedAt,
    tickers: symbols.map((symbol) => ({
      symbol,
      name: null,
      evidence: 'cashtag',
      primary: true,
      refPrice: 100,
      reaction: newReaction('SPY'),
    })),
    tone: 0,
  };
}

describe('newsAlert', () => {
  it('alerts on a story tagged with a watched ticker', () => {
    const alert = newsAlert(article(['TSLA', 'AMD']), on, 1_000_005);
    expect(alert).toMatchObject({ kind: 'news', symbol: 'AMD', key: 'news:a-TSLA-AMD', at: 1_000_005 });
  });

  it('does not alert on old stories replayed after a long disconnect', () => {
    expect(newsAlert(article(['NVDA'], 0), on, NEWS_MAX_AGE_MS + 1)).toBeNull();
    expect(newsAlert(article(['NVDA'], 0), on, NEWS_MAX_AGE_MS)).not.toBeNull();
  });

  it('stays quiet for other tickers, when off, or when news alerts are off', () => {
    expect(newsAlert(article(['TSLA']), on, 1_000_000)).toBeNull();
    expect(newsAlert(article(['NVDA']), { ...on, enabled: false }, 1_000_000)).toBeNull();
    expect(newsAlert(article(['NVDA']), { ...on, news: false }, 1_000_000)).toBeNull();
  });
});

describe('the news-and-move alert', () => {
  const settings = { ...on, movePct: 1, moveMinutes: 15 };
  const story = article(['NVDA', 'TSLA']);
  const [watch] = moveWatches(story, settings);

  it('watches the watched tickers of a story that have a price at publication', () => {
    expect(moveWatches(story, settings).map((w) => w.symbol)).toEqual(['NVDA']);
    expect(moveWatches(story, { ...settings, move: false })).toEqual([]);
    const unpriced = article(['NVDA']);
    const tag = unpriced.tickers[0];
    if (tag) tag.refPrice = null;
    expect(moveWatches(unpriced, settings)).toEqual([]);
  });

  it('fires when the ticker moves the set % either way inside the window', () => {
    if (!watch) throw new Error('no watch');
    const t = story.publishedAt + 60_000;
    expect(checkMove(watch, { p: 100.9, t }, settings, t)).toBeNull();
    expect(checkMove(watch, { p: 101.2, t }, settings, t)?.move).toBeCloseTo(1.2);
    expect(checkMove(watch, { p: 98.5, t }, settings, t)?.move).toBeCloseTo(-1.5);
  });

  it('ignores moves after the window, and ticks from before publication', () => {
    if (!watch) throw new Error('no watch');
    const late = story.publishedAt + 16 * 60_000;
    expect(checkMove(watch, { p: 110, t: late }, settings, late)).toBeNull();
    expect(checkMove(watch, { p: 110, t: story.publishedAt - 1 }, settings, 0)).toBeNull();
    expect(isWatching(watch, story.publishedAt + 15 * 60_000, settings)).toBe(true);
    expect(isWatching(watch, late, settings)).toBe(false);
  });

  it('says what happened', () => {
    if (!watch) throw new Error('no watch');
    const alert = checkMove(watch, { p: 98, t: story.publishedAt + 1 }, settings, 0);
    if (!alert) throw new Error('no alert');
    expect(describeAlert(alert, settings).title).toBe('NVDA −2.00% within 15 min of a story');
  });
});
