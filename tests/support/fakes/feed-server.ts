import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { waitUntil } from '../client.js';

/** What one path of the fake serves. */
export interface FeedRoute {
  /** The body (a feed's XML, or anything else). */
  body: string;
  status?: number;
  contentType?: string;
  /** Validators are sent (and honoured with 304) unless turned off. */
  validators?: boolean;
  /** Extra response headers (Location, Retry-After…). */
  headers?: Record<string, string>;
  gzip?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface FeedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** What was answered. */
  status: number;
}

/**
 * A feed server on 127.0.0.1 (port 0) standing in for the news sites: serves a body per path with
 * an ETag and a Last-Modified, answers a conditional GET for unchanged content with 304, and
 * keeps every request it got.
 */
export class FakeFeedServer {
  readonly requests: FeedRequest[] = [];
  private readonly routes = new Map<string, FeedRoute & { etag: string; lastModified: string }>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<FakeFeedServer> {
    let fake: FakeFeedServer | undefined;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      const route = fake?.routes.get(path);
      const answer = (status: number, headers: Record<string, string>, body?: Buffer | string) => {
        fake?.requests.push({ path, headers: req.headers, status });
        res.writeHead(status, headers);
        res.end(body);
      };
      const respond = () => {
        if (!route) return answer(404, { 'content-type': 'text/plain' }, 'not found');
        const validators = route.validators !== false && (route.status ?? 200) === 200;
        const headers: Record<string, string> = {
          'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8',
          ...(validators ? { etag: route.etag, 'last-modified': route.lastModified } : {}),
          ...route.headers,
        };
        if (validators) {
          const inm = req.headers['if-none-match'];
          const ims = req.headers['if-modified-since'];
          const unchanged = inm
            ? inm === route.etag
            : ims
              ? Date.parse(ims) >= Date.parse(route.lastModified)
              : false;
          if (unchanged) return answer(304, { etag: route.etag, 'last-modified': route.lastModified });
        }
        let body: Buffer | string = route.body;
        if (route.gzip) {
          body = gzipSync(route.body);
          headers['content-encoding'] = 'gzip';
        }
        answer(route.status ?? 200, headers, body);
      };
      if (route?.delayMs) setTimeout(respond, route.delayMs);
      else respond();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeFeedServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Serves `route` at `path` from now on; a new body gets a new ETag and Last-Modified. */
  set(path: string, route: FeedRoute | string): void {
    const r = typeof route === 'string' ? { body: route } : route;
    const old = this.routes.get(path);
    const etag = `"${createHash('sha1').update(r.body).digest('hex').slice(0, 16)}"`;
    const lastModified =
      old && old.etag === etag
        ? old.lastModified
        : new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString();
    this.routes.set(path, { ...r, etag, lastModified });
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Requests for one path. */
  requestsFor(path: string): FeedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  waitFor(check: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
    return waitUntil(check, what, timeoutMs);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An RSS 2.0 document with these items (already XML). */
export function rssDocument(title: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>http://127.0.0.1/</link>\n${items.join('\n')}\n</channel></rss>`;
}

/** One RSS item; text is escaped. */
export function rssItem(i: {
  title: string;
  guid: string;
  link?: string;
  date?: string;
  description?: string;
}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<item><title>${esc(i.title)}</title><guid isPermaLink="false">${esc(i.guid)}</guid>${
    i.link ? `<link>${esc(i.link)}</link>` : ''
  }<pubDate>${i.date ?? new Date().toUTCString()}</pubDate>${
    i.description ? `<description>${esc(i.description)}</description>` : ''
  }</item>`;
}
