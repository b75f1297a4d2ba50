import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { nowMs } from './clock.js';

export interface HttpResult {
  status: number;
  body: string;
  sentAt: number;
  /** When the status line and headers arrived. */
  headersAt: number;
  /** When the whole body had arrived. */
  endAt: number;
}

export interface HttpOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  agent?: Agent;
}

/** Keep-alive agent for a bench client (loopback only). */
export const keepAliveAgent = (maxSockets: number): Agent => new Agent({ keepAlive: true, maxSockets });

/** One HTTP request through node:http (less overhead than fetch), with its timings. */
export function httpRequest(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve, reject) => {
    const sentAt = nowMs();
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        agent: opts.agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const headersAt = nowMs();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            sentAt,
            headersAt,
            endAt: nowMs(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await httpRequest(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return JSON.parse(res.body) as T;
}

/** The whole body of a request to one of the bench's own servers. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Answers with a JSON body (one of the bench's own servers). */
export function sendJson(res: ServerResponse, status: number, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
