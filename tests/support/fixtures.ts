import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/version.js';

/** One line of a session fixture: C = client to server, S = server to client. */
export interface SessionLine {
  dir: 'C' | 'S';
  frame?: unknown;
  note?: string;
}

/** The text of a file under tests/fixtures, exactly as stored. */
export function fixtureText(path: string): string {
  return readFileSync(join(projectRoot(), 'tests', 'fixtures', path), 'utf8');
}

/** The non-empty lines of a .jsonl fixture, each as exact JSON text. */
export function fixtureLines(path: string): string[] {
  return fixtureText(path)
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** A session fixture, line by line. */
export function readSession(path: string): SessionLine[] {
  return fixtureLines(path).map((l) => JSON.parse(l) as SessionLine);
}

/** The frames a session has the server send, as JSON text, in order. */
export function serverFrames(path: string): string[] {
  return readSession(path)
    .filter((l) => l.dir === 'S' && l.frame !== undefined)
    .map((l) => JSON.stringify(l.frame));
}
