import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../version.js';

/**
 * ReDoS check of every regular expression literal in server/ and shared/ (they read feed text,
 * story text, headers, config and URLs). Each is run in a worker against long adversarial strings
 * (runs of each character it names, alternations of them, seeded random mixes) from the first
 * position and scanning all positions. A regex that backtracks catastrophically never finishes:
 * the worker stops answering and is terminated. The bound is generous (seconds for inputs a
 * linear regex reads in microseconds); a canary regex proves the harness catches one.
 */

interface Found {
  where: string;
  source: string;
  flags: string;
  /** Longest input its call site lets through (default: 3,000 characters and more). */
  maxInput?: number;
}

/**
 * Regexes whose call site bounds the input, checked at that bound. Each entry names the guard.
 * COORDINATION_RE: `coordinated()` tests only gaps of at most 60 characters.
 */
const BOUNDED: Record<string, number> = {
  "^(?:\\s|,|&|\\/|[()]|and\\b|or\\b|as well as\\b|plus\\b|vs\\.?|versus\\b|\\([^()]{0,40}\\)|[’']s\\b)*$": 60,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.contract.ts')
      ? [p]
      : [];
  });
}

function regexLiterals(): Found[] {
  const root = projectRoot();
  const found: Found[] = [];
  for (const file of [...sourceFiles(join(root, 'server')), ...sourceFiles(join(root, 'shared'))]) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        found.push({
          where: `${relative(root, file)}:${line + 1}`,
          source: text.slice(1, end),
          flags: text.slice(end + 1),
          maxInput: BOUNDED[text.slice(1, end)],
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** Runs in the worker: attacks each regex in turn and reports after each one. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const BASE = ['a','A','z','0','9',' ','\\t','\\n','.','-','_','$','<','>','@',':','/','"',"'",'(',')','[',',',';','=','&','#','%','+','é','\\u00a0','\\u200b','\\ud83d\\ude00','\\\\'];
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
for (let i = 0; i < workerData.length; i++) {
  const { source, flags, maxInput } = workerData[i];
  const cut = (s) => (maxInput ? s.slice(0, maxInput) : s);
  const literal = [...new Set(source.replace(/\\\\[dDwWsSbBnrtfv0-9]/g, '').split(''))].slice(0, 14);
  const chars = [...new Set([...BASE, ...literal])];
  const once = new RegExp(source, flags.replace(/[gy]/g, ''));
  const all = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
  const inputs = [];
  for (const c of chars) inputs.push(c.repeat(3000) + '\\u0000', c.repeat(3000) + '!');
  for (const a of literal) for (const b of chars) inputs.push((a + b).repeat(1500) + '\\u0000');
  for (let k = 0; k < 20; k++) {
    let s = '';
    while (s.length < 3000) s += chars[rnd(chars.length)];
    inputs.push(s);
  }
  for (const s of inputs.map(cut)) {
    once.test(s);
    s.slice(0, 1000).replace(all, '');
  }
  parentPort.postMessage(i);
}
`;

/** Resolves with the index of the first regex that did not finish within stallMs, or -1. */
function attack(regexes: Found[] | Omit<Found, 'where'>[], stallMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: regexes });
    let done = -1;
    let timer = setTimeout(stalled, stallMs);
    function stalled() {
      void worker.terminate();
      resolve(done + 1);
    }
    worker.on('message', (i: number) => {
      done = i;
      clearTimeout(timer);
      if (i === regexes.length - 1) {
        void worker.terminate();
        resolve(-1);
      } else timer = setTimeout(stalled, stallMs);
    });
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('regular expressions against adversarial input (ReDoS)', () => {
  const found = regexLiterals();

  it('finds the regexes of server/ and shared/', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(found.some((f) => f.where.startsWith('server/news/feeds/'))).toBe(true);
    expect(found.some((f) => f.where.startsWith('shared/'))).toBe(true);
    // every bounded entry still names a regex of the code
    for (const source of Object.keys(BOUNDED)) expect(found.map((f) => f.source)).toContain(source);
  });

  it('the harness catches a catastrophic regex', async () => {
    expect(await attack([{ source: '^(a+)+$', flags: '' }], 3_000)).toBe(0);
  }, 30_000);

  it('no regex backtracks catastrophically', async () => {
    const slow: string[] = [];
    let rest = found;
    // A stalled regex is reported and the attack resumes after it, so every one is listed.
    while (rest.length > 0) {
      const at = await attack(rest, 20_000);
      if (at === -1) break;
      slow.push(`${rest[at]?.where} /${rest[at]?.source}/${rest[at]?.flags}`);
      rest = rest.slice(at + 1);
    }
    console.log(`ReDoS check: ${found.length} regex literals attacked, ${slow.length} stalled`);
    expect(slow).toEqual([]);
  }, 300_000);
});
