import { pathToFileURL } from 'node:url';
import { PostgresStore } from '../../server/store/postgres-store.js';
import { draft } from '../../server/store/store.contract.js';
import type { Store } from '../../server/store/types.js';

/** What one insert answered. */
export interface WriteResult {
  key: string;
  seq: number;
  id: string;
  created: boolean;
}

export interface WriterPlan {
  /** Name of the writer: its own keys are "<name>:<i>". */
  name: string;
  /** Keys "shared:<i>" that every writer inserts too (the same story from several nodes). */
  shared: number;
  /** Keys of this writer alone. */
  own: number;
  /** Inserts in flight at once. */
  concurrency: number;
}

/** The keys of a plan, shared and own interleaved, so that several writers insert a shared key at about the same time. */
export function planKeys(plan: WriterPlan): string[] {
  const keys: string[] = [];
  for (let i = 0; i < Math.max(plan.shared, plan.own); i++) {
    if (i < plan.shared) keys.push(`shared:${i}`);
    if (i < plan.own) keys.push(`${plan.name}:${i}`);
  }
  return keys;
}

/** Inserts the plan's stories through the store, `concurrency` at a time, and returns every answer. */
export async function writeStories(store: Store, plan: WriterPlan): Promise<WriteResult[]> {
  const keys = planKeys(plan);
  const out: WriteResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      const n = out.length + 1;
      const { article, created } = await store.insertArticle({ ...draft(n, ['AAPL']), dedupeKey: key });
      out.push({ key, seq: article.seq, id: article.id, created });
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return out;
}

// As a process of its own (another node): node --import tsx tests/support/pg-writer.ts <url> <plan JSON>
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [url, planJson] = process.argv.slice(2);
  if (!url || !planJson) throw new Error('usage: pg-writer.ts <database url> <plan JSON>');
  const store = await PostgresStore.open({ url, poolSize: 4 });
  try {
    const results = await writeStories(store, JSON.parse(planJson) as WriterPlan);
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } finally {
    await store.close();
  }
}
