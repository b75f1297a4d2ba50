import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/index.js';
import { makeArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Bounded fuzz of POST /api/articles over real HTTP, against the server running in this process
 * (so Object.prototype here is the server's): thousands of hostile bodies, good stories between
 * them. Pass: no 5xx, every good story stored and read back, nothing polluted.
 */

const SEED = 20_260_407;
const RUNS = 2_000;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { INGEST_RATE_PER_MINUTE: '1000000', INGEST_BODY_LIMIT: '256kb' } });
});
afterAll(async () => {
  await server?.close();
});

interface Shot {
  kind: string;
  body: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

const good = makeArticle();
const goodJson = JSON.stringify(good);
const FIELDS = ['headline', 'summary', 'body', 'source', 'url', 'externalId', 'publishedAt', 'tickers'];

const junkText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '\u0000',
    '\u202e',
    '\ufeff',
    '\ud800',
    '\udfff',
    'A\u0301\u0301\u0301',
    '\u2028\u2029',
    '💥'.repeat(50),
  ),
);

const nested = (depth: number, open: string, close: string, leaf: string) =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

const shots: fc.Arbitrary<Shot> = fc.oneof(
  // malformed JSON
  fc.record({
    kind: fc.constant('malformed'),
    body: fc.oneof(
      fc.nat({ max: goodJson.length - 1 }).map((n) => goodJson.slice(0, n)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '{',
        '}',
        '[',
        'null',
        'true',
        '1',
        '"x"',
        '{"a":}',
        "{'a':1}",
        '{"a":1,}',
        'NaN',
        '\ufeff{}',
      ),
    ),
  }),
  // right fields, wrong types
  fc.record({
    kind: fc.constant('wrong-types'),
    body: fc
      .dictionary(
        fc.constantFrom(...FIELDS),
        fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
      )
      .map((o) => JSON.stringify({ ...good, externalId: undefined, ...o }) ?? 'null'),
  }),
  // oversized strings and huge arrays (some past the body limit: 413, not 5xx)
  fc.record({
    kind: fc.constant('oversized'),
    body: fc
      .tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 400, max: 300_000 }), fc.boolean())
      .map(([field, n, asArray]) =>
        JSON.stringify({
          ...good,
          [field]: asArray ? Array(Math.min(n, 40_000)).fill('AAPL') : 'x'.repeat(n),
        }),
      ),
  }),
  // deeply nested objects and arrays, at the top and inside a field
  fc.record({
    kind: fc.constant('nested'),
    body: fc
      .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('top', 'tickers', 'headline'))
      .map(([depth, where]) => {
        const deep =
          where === 'headline' ? nested(depth, '{"a":', '}', '1') : nested(depth, '[', ']', '"AAPL"');
        return where === 'top' ? nested(depth, '{"x":', '}', 'null') : `{"source":"s","${where}":${deep}}`;
      }),
  }),
  // prototype pollution attempts
  fc.record({
    kind: fc.constant('proto'),
    body: fc.constantFrom(
      `{"__proto__":{"polluted":"yes"},${goodJson.slice(1)}`,
      `{"constructor":{"prototype":{"polluted":"yes"}},${goodJson.slice(1)}`,
      `{"headline":"h","source":"s","tickers":{"__proto__":["AAPL"],"length":1}}`,
      `[{"__proto__":{"polluted":"yes"}}]`,
      `{"headline":{"__proto__":{"toString":"x"}},"source":"s"}`,
      `{"headline":"h","source":{"constructor":{"prototype":{"polluted":1}}}}`,
    ),
  }),
  // unicode junk in every field
  fc.record({
    kind: fc.constant('unicode'),
    body: fc.dictionary(fc.constantFrom(...FIELDS), junkText).map((o) => JSON.stringify(o)),
  }),
  // odd content types, charsets and encodings
  fc.record({
    kind: fc.constant('headers'),
    body: fc.constant(goodJson),
    contentType: fc.constantFrom(
      'text/plain',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=',
      '',
    ),
    headers: fc.constantFrom<Record<string, string>>(
      {},
      { 'content-encoding': 'br' },
      { 'content-encoding': 'gzip' },
      { 'content-encoding': 'x' },
    ),
  }),
  // raw bytes, including invalid UTF-8
  fc.record({ kind: fc.constant('bytes'), body: fc.uint8Array({ maxLength: 2_000 }) }),
);

type Step = { good: true; headline: string } | { good: false; shot: Shot };

const steps: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
      .map((s) => ({ good: true as const, headline: `Good ${s}` })),
  },
  { weight: 4, arbitrary: shots.map((shot) => ({ good: false as const, shot })) },
);

async function post(shot: Shot): Promise<number> {
  const res = await fetch(`${server.url}/api/articles`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(shot.contentType !== undefined
        ? { 'content-type': shot.contentType }
        : { 'content-type': 'application/json' }),
      ...shot.headers,
    },
    body: typeof shot.body === 'string' ? shot.body : Buffer.from(shot.body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('ingest fuzz', () => {
  it(`answers ${RUNS} hostile and good bodies with no 5xx, stores every good story, pollutes nothing`, async () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const statuses = new Map<string, Map<number, number>>();
    const stored: { id: string; headline: string }[] = [];
    const fiveXX: string[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (step) => {
        n++;
        if (step.good) {
          const body = makeArticle({ headline: step.headline, externalId: `fuzz-${n}` });
          const status = await post({ kind: 'good', body: JSON.stringify(body) });
          expect(status, step.headline).toBe(201);
          // the id comes back on a second (idempotent) post, which must answer 200 with the same story
          const again = await fetch(`${server.url}/api/articles`, {
            method: 'POST',
            headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(again.status).toBe(200);
          const a = (await again.json()) as Article;
          stored.push({ id: a.id, headline: body.headline.trim() });
          return;
        }
        const status = await post(step.shot);
        const byKind = statuses.get(step.shot.kind) ?? new Map<number, number>();
        byKind.set(status, (byKind.get(status) ?? 0) + 1);
        statuses.set(step.shot.kind, byKind);
        if (status >= 500)
          fiveXX.push(`${step.shot.kind} ${status}: ${String(step.shot.body).slice(0, 120)}`);
        expect(status, `${step.shot.kind}: ${String(step.shot.body).slice(0, 200)}`).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const table = [...statuses].map(
      ([kind, m]) => `${kind}: ${[...m].map(([s, c]) => `${s}×${c}`).join(' ')}`,
    );
    console.log(`ingest fuzz (seed ${SEED}, ${RUNS} cases, ${stored.length} good):\n  ${table.join('\n  ')}`);
    expect(fiveXX).toEqual([]);
    expect(stored.length).toBeGreaterThan(RUNS / 10);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    for (const { id, headline } of stored) {
      const res = await fetch(`${server.url}/api/articles/${id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Article).headline).toBe(headline);
    }
  }, 120_000);
});
