import type { CDPSession } from 'playwright-core';

/** Self sizes (bytes) of a page's heap snapshot, by part. */
export interface HeapParts {
  /** Compiled code, bytecode and feedback: V8 fills it as it compiles the page's functions. */
  code: number;
  /** JS objects, strings and arrays: the page's data. */
  js: number;
  /** DOM and other native objects the snapshot reports. */
  native: number;
}

export interface HeapSplit {
  parts: HeapParts;
  /** Self size and count by "type:constructor" (JS and code; native too when asked). */
  byName: Map<string, [number, number]>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/**
 * Forces a GC, takes a heap snapshot of the page and splits it into code, JS objects and native
 * objects (`nativeNames`: native objects are counted by name too).
 */
export async function heapSplit(cdp: CDPSession, opts: { nativeNames?: boolean } = {}): Promise<HeapSplit> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as RawSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const parts: HeapParts = { code: 0, js: 0, native: 0 };
  const byName = new Map<string, [number, number]>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType] as number] as string;
    const size = snap.nodes[i + iSize] as number;
    const part = type === 'native' || type === 'synthetic' ? 'native' : type === 'code' ? 'code' : 'js';
    parts[part] += size;
    if (part === 'native' && !opts.nativeNames) continue;
    const name = `${type}:${(snap.strings[snap.nodes[i + iName] as number] ?? '').slice(0, 50)}`;
    const v = byName.get(name) ?? [0, 0];
    v[0] += size;
    v[1] += 1;
    byName.set(name, v);
  }
  return { parts, byName };
}
