import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import type { Article, ArticlePage } from '../../shared/index.js';
import { launchBrowser } from '../support/browser.js';
import { getJson, postArticle, waitUntil } from '../support/client.js';
import { FakeFeedServer, rssDocument, rssItem } from '../support/fakes/feed-server.js';
import { feedRowAt, feedRowWithId, feedSize } from '../support/feed-rows.js';
import { startServer, type TestServer } from '../support/server.js';
import { XSS_URLS, XSS_VECTORS } from '../support/xss-vectors.js';

/**
 * A corpus of XSS vectors posted as stories (through the ingest API and an RSS feed) and shown on
 * the desk, in the story panel and on the wall in Chromium. A trap (`__xss`), dialogs and CSP
 * violation reports are counted: nothing may run, every text is shown as it was stored.
 */

let server: TestServer;
let feeds: FakeFeedServer;
let browser: Browser;

const TRAP = `
  window.__xssHits = [];
  window.__xss = (n) => { window.__xssHits.push(String(n)); };
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  feeds = await FakeFeedServer.start();
  feeds.set(
    '/xss',
    rssDocument(
      'Hostile wire',
      XSS_VECTORS.slice(0, 12).map((v, i) =>
        rssItem({
          title: `RSS ${i} ${v} NVDA`,
          guid: `rss-xss-${i}`,
          link:
            i % 2
              ? `javascript:__xss(${200 + i})`
              : `https://example.com/rss/${i}?q="><script>__xss(${300 + i})</script>`,
          description: `<p>${v}</p><script>__xss(${400 + i})</script><img src=x onerror=__xss(${500 + i})>`,
        }),
      ),
    ),
  );
  server = await startServer({
    withClient: true,
    env: { STORE: 'memory', NEWS_FEEDS: `${feeds.url('/xss')}|3600|Hostile wire`, NEWS_ALLOW_PRIVATE: 'on' },
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await feeds?.close();
});

interface Traps {
  hits: string[];
  csp: string[];
  dialogs: string[];
}

async function openWithTraps(path: string): Promise<{ page: Page; traps: () => Promise<Traps> }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(TRAP);
  await page.goto(`${server.url}${path}`);
  const traps = async () => {
    const { hits, csp } = await page.evaluate(() => {
      const w = window as unknown as { __xssHits: string[]; __csp: string[] };
      return { hits: [...w.__xssHits], csp: [...w.__csp] };
    });
    return { hits, csp, dialogs: [...dialogs] };
  };
  return { page, traps };
}

/** Elements a vector would need in the DOM to run or load something. */
const dangerous = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'template', 'marquee'].includes(tag))
        found.push(tag);
      // the page's own forms (the ticker filter) are fine; one that submits to script is not
      for (const attr of ['action', 'formaction', 'src', 'data'])
        if (/^\s*(javascript|data|vbscript):/i.test(el.getAttribute(attr) ?? ''))
          found.push(`${tag}[${attr}]`);
      for (const a of el.getAttributeNames()) if (a.startsWith('on')) found.push(`${tag}[${a}]`);
    }
    const links = [...document.querySelectorAll('a[href]')].map((a) => ({
      href: (a as HTMLAnchorElement).href,
      rel: a.getAttribute('rel') ?? '',
      target: a.getAttribute('target'),
    }));
    return { found, links };
  });

let stored: Article[] = [];

describe('XSS corpus', () => {
  it('the API refuses every non-http(s) link and stores the text vectors', async () => {
    for (const [i, v] of XSS_VECTORS.entries()) {
      const res = await postArticle(server.url, server.token, {
        headline: `X${i} ${v}`,
        summary: v,
        body: `${v}\n\n${v} NVDA`,
        source: i % 2 ? v.slice(0, 100) : `xss-wire-${i}`,
        externalId: `xss-${i}`,
        tickers: ['NVDA'],
      });
      expect(res.status, v).toBe(201);
    }
    for (const [i, { url, accepted }] of XSS_URLS.entries()) {
      const res = await postArticle(server.url, server.token, {
        headline: `Link ${i}`,
        source: 'xss-links',
        externalId: `xss-url-${i}`,
        url,
        tickers: ['NVDA'],
      });
      expect(res.status, url).toBe(accepted ? 201 : 400);
    }
    await waitUntil(
      () => stored.filter((a) => a.source === 'Hostile wire').length === 12,
      'the RSS stories to be stored',
      15_000,
      async () => {
        stored = (await getJson<ArticlePage>(`${server.url}/api/articles?limit=500`)).body.articles;
      },
    );
    const rss = stored.filter((a) => a.source === 'Hostile wire');
    // feed HTML is reduced to text; script content and javascript: links are gone
    for (const a of rss) {
      expect(a.url === null || a.url.startsWith('https://')).toBe(true);
      expect(a.summary ?? '').not.toMatch(/__xss\(4\d\d\)/);
    }
  });

  it('the page CSP allows no inline script and the page has none', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });

  it('the desk and the story panel show every vector as text and run none', async () => {
    const { page, traps } = await openWithTraps('/');
    // The feed renders only the rows near its viewport: sizes come from aria-setsize, rows are scrolled to.
    await expect.poll(() => feedSize(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
    // load every older page, so every stored story is on the desk
    const older = page.locator('[data-testid="load-older"]');
    while ((await older.count()) > 0) {
      const before = await feedSize(page);
      await older.click();
      await expect.poll(() => feedSize(page), { timeout: 10_000 }).toBeGreaterThan(before);
    }
    const count = await feedSize(page);
    expect(count).toBe(stored.length);
    const byId = new Map(stored.map((a) => [a.id, a]));
    // open each story in the panel, checking its row first; the DOM is checked at every step, as
    // only the rows near the viewport are rendered at a time
    const seen = new Set<string>();
    const found: string[] = [];
    const links: { href: string; rel: string; target: string | null }[] = [];
    for (let i = 0; i < count; i++) {
      const row = await feedRowAt(page, i);
      const id = (await row.getAttribute('data-article-id')) ?? '';
      seen.add(id);
      const a = byId.get(id);
      expect(await row.locator('.row-headline').textContent()).toBe(a?.headline);
      expect(await row.locator('.row-source').textContent()).toBe(a?.source);
      await row.locator('.row-hit').click();
      const panel = page.locator('[data-testid="story-panel"]');
      await expect
        .poll(() => panel.locator('.story-headline').textContent(), { timeout: 5_000 })
        .toBe(a?.headline);
      if (a?.summary) expect(await panel.locator('.story-summary').textContent()).toBe(a.summary);
      if (a?.body) {
        const paragraphs = await panel.locator('.story-text p').allTextContents();
        expect(paragraphs.join('\n\n')).toBe(a.body);
      }
      const step = await dangerous(page);
      found.push(...step.found);
      links.push(...step.links);
    }
    expect(seen.size).toBe(stored.length);
    expect(found).toEqual([]);
    for (const l of links) {
      expect(new URL(l.href).protocol, l.href).toMatch(/^https?:$/);
      if (l.target === '_blank') expect(l.rel.split(/\s+/).sort()).toEqual(['noopener', 'noreferrer']);
    }
    const t = await traps();
    console.log(
      `desk: ${count} stories opened; xss hits ${t.hits.length}, dialogs ${t.dialogs.length}, CSP violations ${t.csp.length}`,
    );
    expect(t.hits).toEqual([]);
    expect(t.dialogs).toEqual([]);
    expect(t.csp).toEqual([]);
    await page.close();
  });

  it('a story linking out with a hostile but http(s) URL gets a plain, safe link', async () => {
    const target = stored.find((a) => a.source === 'xss-links' && a.url?.includes('onmouseover'));
    expect(target).toBeDefined();
    const { page, traps } = await openWithTraps('/');
    await expect.poll(() => feedSize(page), { timeout: 15_000 }).toBeGreaterThan(0);
    const row = await feedRowWithId(page, target?.id ?? '');
    await row.locator('.row-hit').click();
    const link = page.locator('[data-testid="story-panel"] a.story-link');
    await link.waitFor({ timeout: 5_000 });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(new URL((await link.getAttribute('href')) ?? '').protocol).toBe('https:');
    await link.hover();
    expect((await traps()).hits).toEqual([]);
    await page.close();
  });

  it('the traps work: a call is counted, and markup slipped into the page is stopped by the CSP', async () => {
    const { page, traps } = await openWithTraps('/');
    await page.locator('[data-testid="article-row"]').first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      (window as unknown as { __xss: (n: string) => void }).__xss('canary');
      const img = document.createElement('img');
      img.setAttribute('onerror', "__xss('inline handler')");
      img.src = 'x-missing.png';
      document.body.append(img);
    });
    await expect.poll(async () => (await traps()).csp.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const t = await traps();
    expect(t.hits).toEqual(['canary']);
    expect(t.csp.join(' ')).toMatch(/script-src/);
    await page.close();
  });

  it('the wall shows the stories and runs none of them', async () => {
    const { page, traps } = await openWithTraps('/wall?tickers=NVDA');
    await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 15_000 });
    const headlines = await page.locator('.wall-headline-text').allTextContents();
    expect(headlines.length).toBeGreaterThan(0);
    const known = new Set(stored.map((a) => a.headline));
    for (const h of headlines) expect(known.has(h), h).toBe(true);
    const wallHeadline = await page.locator('[data-testid="wall-headline"]').textContent();
    expect(known.has(wallHeadline ?? '')).toBe(true);
    const { found } = await dangerous(page);
    expect(found).toEqual([]);
    const t = await traps();
    console.log(
      `wall: ${headlines.length} headlines; xss hits ${t.hits.length}, dialogs ${t.dialogs.length}, CSP violations ${t.csp.length}`,
    );
    expect(t.hits).toEqual([]);
    expect(t.dialogs).toEqual([]);
    expect(t.csp).toEqual([]);
    await page.close();
  });
});
