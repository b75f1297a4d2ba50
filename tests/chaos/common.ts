import type { ArticlePage } from '../../shared/index.js';

export const CHAOS_TOKEN = 'chaos-ingest-token-0123456789';

/** A small seeded generator (mulberry32): the same seed makes the same run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts a story, retrying (same externalId: ingest is idempotent) until it is acknowledged. Returns its seq and the retries. */
export async function postWithRetry(
  url: string,
  body: Record<string, unknown>,
  token = CHAOS_TOKEN,
): Promise<{ seq: number; retries: number }> {
  let retries = 0;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(2_000),
      });
      if (res.status === 201 || res.status === 200)
        return { seq: ((await res.json()) as { seq: number }).seq, retries };
      throw new Error(`status ${res.status}`);
    } catch {
      retries++;
      await sleep(50);
    }
  }
}

/** Every stored story, oldest first. */
export async function storedSeqs(url: string): Promise<number[]> {
  const seqs: number[] = [];
  for (let before: number | null = null; ; ) {
    const q: string = before ? `&beforeSeq=${before}` : '';
    const page = (await (await fetch(`${url}/api/articles?limit=500${q}`)).json()) as ArticlePage;
    seqs.push(...page.articles.map((a) => a.seq));
    if (page.nextBeforeSeq == null) break;
    before = page.nextBeforeSeq;
  }
  return seqs.sort((a, b) => a - b);
}

/** Reads figures from the server's /metrics (Prometheus text). */
export async function serverMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) ([-+\d.eE]+|NaN)$/.exec(line);
    if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** Resident memory and used heap of the server, in MiB. */
export async function serverMemory(url: string): Promise<{ rssMb: number; heapMb: number }> {
  const m = await serverMetrics(url);
  return {
    rssMb: (m.process_resident_memory_bytes ?? 0) / 2 ** 20,
    heapMb: (m.nodejs_heap_size_used_bytes ?? 0) / 2 ** 20,
  };
}

/** True when `seqs` is exactly 1..n. */
export function isWhole(seqs: readonly number[], n: number): boolean {
  return seqs.length === n && seqs.every((s, i) => s === i + 1);
}

export const mb = (x: number) => Math.round(x * 10) / 10;
