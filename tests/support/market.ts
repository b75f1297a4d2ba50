import { createLogger, type Logger } from '../../server/logger.js';
import type { HealthResponse, MarketStatus, PriceHistory, Tick } from '../../shared/index.js';
import { getJson, type TestSocket, waitUntil } from './client.js';

/** The market status in GET /api/health. */
export async function marketStatus(url: string): Promise<MarketStatus> {
  return (await getJson<HealthResponse>(`${url}/api/health`)).body.market;
}

/** Polls GET /api/health until the market status passes `check`; returns it. */
export async function waitForMarket(
  url: string,
  check: (m: MarketStatus) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<MarketStatus> {
  let last: MarketStatus | undefined;
  await waitUntil(
    () => last !== undefined && check(last),
    what,
    timeoutMs,
    async () => {
      last = await marketStatus(url);
    },
  );
  return last as MarketStatus;
}

/** Records every market:status a socket receives. */
export function collectStatuses(socket: TestSocket): MarketStatus[] {
  const got: MarketStatus[] = [];
  socket.on('market:status', (s) => got.push(s));
  return got;
}

/** Records every tick a socket receives in ticks:batch. */
export function collectTicks(socket: TestSocket): Tick[] {
  const got: Tick[] = [];
  socket.on('ticks:batch', (b) => got.push(...b.ticks));
  return got;
}

/** The chart series of a symbol between two instants. */
export async function history(url: string, symbol: string, from: number, to: number): Promise<PriceHistory> {
  return (await getJson<PriceHistory>(`${url}/api/tickers/${symbol}/history?from=${from}&to=${to}`)).body;
}

/** The value of one Prometheus series from GET /metrics (0 when absent). */
export async function metric(
  url: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

/** The server's logger (redaction included) keeping every line in memory, for tests that read the logs. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('debug', 'json', { write: (line: string) => lines.push(line) });
  return { logger, lines };
}
