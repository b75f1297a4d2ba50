import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  Article,
  ArticleInput,
  ClientToServerEvents,
  Handshake,
  ServerToClientEvents,
} from '../../shared/index.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const open: TestSocket[] = [];

/**
 * Connects a real socket.io-client over WebSocket and waits until it is connected. `before` runs
 * before connecting, to attach listeners for what the server sends right away (a replay).
 */
export async function connect(
  url: string,
  auth: Handshake = {},
  before?: (s: TestSocket) => void,
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
  });
  open.push(socket);
  before?.(socket);
  socket.connect();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Disconnects every socket opened by connect(). */
export function disconnectAll(): void {
  for (const s of open.splice(0)) s.disconnect();
}

/** Records every article a socket receives, in order. */
export function collectArticles(socket: TestSocket): Article[] {
  const got: Article[] = [];
  socket.on('article:published', (a) => got.push(a));
  return got;
}

/** Resolves when `check` holds, polling (running `poll` before each check); rejects with `what` after the timeout. */
export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = 5_000,
  poll?: () => Promise<void>,
): Promise<void> {
  const start = Date.now();
  for (;;) {
    await poll?.();
    if (check()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, poll ? 100 : 10));
  }
}

/** Sends a command and returns its ack. */
export function command<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    // biome-ignore lint/suspicious/noExplicitAny: the typed emit cannot be expressed generically over E
    (socket.emit as any)(event, payload, (res: Ack<unknown>) => resolve(res as never));
  });
}

let counter = 0;

/** A valid story body; override any field. */
export function makeArticle(over: Partial<ArticleInput> = {}): ArticleInput {
  counter++;
  return {
    headline: `Test story ${counter}`,
    source: 'test-wire',
    externalId: `ext-${process.pid}-${Date.now()}-${counter}`,
    ...over,
  };
}

/** POST /api/articles with the token; returns status and parsed body. */
export async function postArticle(
  url: string,
  token: string | null,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> & Partial<Article> }> {
  const res = await fetch(`${url}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & Partial<Article> };
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}
