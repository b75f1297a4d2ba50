import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../version.js';
import { canonicalUrl } from '../same-story.js';
import { parseFeedDate } from './dates.js';
import { parseFeedList } from './feed-list.js';
import { retryAfterMs } from './fetch-feed.js';
import { htmlToText, lineText, tidy } from './html-text.js';
import { FeedParseError, parseFeed } from './parse-feed.js';

/** Property tests of the feed readers: whatever a feed sends, they answer (or throw their own error) and keep their promises. */

const RUNS = { numRuns: 1_000 };
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters no output may keep
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const fixture = (name: string) => readFileSync(join(projectRoot(), 'tests', 'fixtures', 'rss', name), 'utf8');
const FEEDS = [
  fixture('cnbc_top_news_100003114_2020-07-20_reconstructed.xml'),
  fixture('sec_edgar_getcurrent_atom_2021-04-18.xml'),
  fixture('malformed_items_synthetic.xml'),
];

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<!ENTITY x "&x;&x;">',
    '&lol9;',
    ']]>',
    '<![CDATA[',
    '<__proto__>x</__proto__>',
    '<constructor><prototype>1</prototype></constructor>',
    'javascript:alert(1)',
    '\u202e\u0000\ufeff',
  ),
);

/** A fixture with junk spliced in at random places, or with a random cut. */
const mutatedFeed = fc
  .tuple(fc.constantFrom(...FEEDS), fc.array(fc.tuple(fc.nat(), junk), { maxLength: 5 }), fc.option(fc.nat()))
  .map(([xml, splices, cut]) => {
    let out = xml;
    for (const [at, piece] of splices) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + piece + out.slice(i);
    }
    return cut === null ? out : out.slice(0, cut % (out.length + 1));
  });

describe('feed readers (property)', () => {
  it('parseFeed answers or throws FeedParseError; links are http(s), text has no invisible characters', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.oneof(mutatedFeed, fc.string({ maxLength: 500 })), (xml) => {
        let feed: ReturnType<typeof parseFeed>;
        try {
          feed = parseFeed(xml, 'https://feeds.example.com/rss');
        } catch (err) {
          expect(err).toBeInstanceOf(FeedParseError);
          return;
        }
        parsed++;
        for (const item of feed.items) {
          if (item.link !== null) expect(new URL(item.link).protocol).toMatch(/^https?:$/);
          expect(item.title).not.toMatch(INVISIBLE);
          expect(item.summary).not.toMatch(INVISIBLE);
          if (item.publishedAt !== null) expect(Number.isFinite(item.publishedAt)).toBe(true);
        }
      }),
      { seed: 21, ...RUNS },
    );
    expect(({} as Record<string, unknown>).prototype).toBeUndefined();
    expect(parsed).toBeGreaterThan(20);
  });

  it('htmlToText, lineText and tidy keep their bounds and drop invisible characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(junk, fc.string({ maxLength: 40 })), { maxLength: 30 }),
        fc.integer({ min: 10, max: 2_000 }),
        (parts, max) => {
          const html = parts.join('');
          const text = htmlToText(html, max);
          expect(text.length).toBeLessThanOrEqual(max + 1);
          expect(text).not.toMatch(INVISIBLE);
          const line = lineText(html, Math.min(max, 500));
          expect(line).not.toMatch(/\n/);
          expect(line.length).toBeLessThanOrEqual(Math.min(max, 500));
          expect(tidy(html, max).length).toBeLessThanOrEqual(max);
        },
      ),
      { seed: 22, ...RUNS },
    );
  });

  it('parseFeedDate, canonicalUrl, retryAfterMs and parseFeedList never throw and keep their types', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
          fc.webUrl(),
          junk,
        ),
        (raw) => {
          const d = parseFeedDate(raw);
          if (d !== null) expect(Number.isFinite(d)).toBe(true);
          const u = canonicalUrl(raw);
          if (u !== null) expect(new URL(u).protocol).toMatch(/^https?:$/);
          const r = retryAfterMs(raw);
          if (r !== undefined) expect(r > 0 && r <= 86_400_000).toBe(true);
          const { feeds } = parseFeedList(`${raw}, ${raw}|60|name`);
          for (const f of feeds) expect(new URL(f.url).protocol).toMatch(/^https?:$/);
        },
      ),
      { seed: 23, ...RUNS },
    );
  });
});
