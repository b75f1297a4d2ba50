import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../version.js';

/**
 * The network-facing packages and their fixed-CVE floors: every installed copy (nested ones too)
 * must be at or above the floor of its major line. A major line not listed fails, so a new major
 * gets reviewed. This is what CI falls back to when `npm audit` cannot reach the registry.
 */
interface Floor {
  /** Lowest safe version per major line. */
  min: Record<number, string>;
  /** The advisories the floor answers (the highest fixed version among them is the floor). */
  why: string;
}

const FLOORS: Record<string, Floor> = {
  ws: { min: { 8: '8.17.1' }, why: 'CVE-2024-37890 (DoS by many HTTP headers), fixed in 8.17.1' },
  'engine.io': {
    min: { 6: '6.6.10' },
    why: 'CVE-2026-102599 (protocol revision mismatch crash), fixed in 6.6.10; also CVE-2026-59725 (6.6.7), CVE-2023-31125 (6.4.2), CVE-2022-41940 (6.2.1)',
  },
  'socket.io-parser': {
    min: { 4: '4.2.3' },
    why: 'CVE-2023-32695 (insufficient validation, crash), fixed in 4.2.3; CVE-2022-2421 (4.2.1)',
  },
  'socket.io': { min: { 4: '4.6.2' }, why: "CVE-2024-38355 (unhandled 'error' event), fixed in 4.6.2" },
  express: {
    min: { 5: '5.0.0' },
    why: 'CVE-2024-43796 (XSS in res.redirect), fixed in 4.20.0 and 5.0.0; CVE-2024-29041 (open redirect)',
  },
  'body-parser': {
    min: { 1: '1.20.3', 2: '2.0.0' },
    why: 'CVE-2024-45590 (DoS with url encoding), fixed in 1.20.3; the 2.x line is not affected',
  },
  'path-to-regexp': {
    min: { 0: '0.1.12', 8: '8.0.0' },
    why: 'CVE-2024-45296 and CVE-2024-52798 (ReDoS of route patterns), fixed in 0.1.12 and 8.0.0',
  },
  cookie: {
    min: { 0: '0.7.0', 1: '1.0.0' },
    why: 'CVE-2024-47764 (cookie name/path injection), fixed in 0.7.0',
  },
  'fast-xml-parser': {
    min: { 4: '4.4.1', 5: '5.0.0' },
    why: 'CVE-2024-41818 (ReDoS), fixed in 4.4.1; CVE-2023-34104 (ReDoS in entities, 4.2.4); CVE-2023-26920 (prototype pollution, 4.1.2)',
  },
  htmlparser2: {
    min: { 12: '12.0.0' },
    why: 'the feed HTML-to-text reader: no advisory on record; the floor is the major line reviewed',
  },
};

type Version = [number, number, number, string];

function parse(v: string): Version {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v);
  if (!m) throw new Error(`not a version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''];
}

/** a >= b, with a pre-release below its release. */
function atLeast(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) > (y[i] as number);
  if (x[3] === y[3]) return true;
  if (x[3] === '') return true;
  if (y[3] === '') return false;
  return x[3] > y[3];
}

/** Every installed copy of the watched packages: [name, version, where]. */
function installed(dir: string, out: [string, string, string][] = []): [string, string, string][] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      const pkgDir = join(dir, name);
      const pj = join(pkgDir, 'package.json');
      if (name in FLOORS && existsSync(pj)) {
        const { version } = JSON.parse(readFileSync(pj, 'utf8')) as { version: string };
        out.push([name, version, pkgDir]);
      }
      installed(join(pkgDir, 'node_modules'), out);
    }
  }
  return out;
}

describe('dependency floors (fixed CVEs)', () => {
  it('compares versions', () => {
    expect(atLeast('8.17.1', '8.17.1')).toBe(true);
    expect(atLeast('8.23.0', '8.17.1')).toBe(true);
    expect(atLeast('8.17.0', '8.17.1')).toBe(false);
    expect(atLeast('5.0.0-beta.3', '5.0.0')).toBe(false);
    expect(atLeast('6.10.0', '6.9.9')).toBe(true);
  });

  it('every installed copy of a watched package is at or above its floor', () => {
    const found = installed(join(projectRoot(), 'node_modules'));
    const names = new Set(found.map(([n]) => n));
    for (const name of [
      'ws',
      'engine.io',
      'socket.io-parser',
      'socket.io',
      'express',
      'fast-xml-parser',
      'htmlparser2',
    ])
      expect(names, `${name} is installed`).toContain(name);
    const below: string[] = [];
    for (const [name, version, where] of found) {
      const floor = FLOORS[name]?.min[parse(version)[0]];
      if (!floor) below.push(`${name}@${version} (${where}): major line not reviewed; ${FLOORS[name]?.why}`);
      else if (!atLeast(version, floor))
        below.push(`${name}@${version} (${where}) < ${floor}: ${FLOORS[name]?.why}`);
    }
    console.log(found.map(([n, v]) => `${n}@${v}`).join(', '));
    expect(below).toEqual([]);
  });
});
