import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Who a valid ingest token speaks for: one source, or every source (the default token). */
export interface IngestCredential {
  /** Stable, non-secret id for rate limits and logs: "default" or "<source>/<first 8 hex of the hash>". */
  id: string;
  /** The only source this token may post as; null: any source. */
  source: string | null;
}

interface Entry extends IngestCredential {
  hash: Buffer;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The SHA-256 of a token, hex: what the tokens file keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A source name as the tokens file and the ingest schema accept it. */
export function validSourceName(source: string): boolean {
  return source.length >= 1 && source.length <= 100 && source === source.trim() && !/[\r\n]/.test(source);
}

/** Parses a tokens file: "source:sha256-hex" per line, "#" comments and blank lines ignored. */
export function parseTokensFile(text: string): {
  entries: { source: string; hash: string }[];
  problems: string[];
} {
  const entries: { source: string; hash: string }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const at = line.lastIndexOf(':');
    const source = at > 0 ? line.slice(0, at).trim() : '';
    const hash =
      at > 0
        ? line
            .slice(at + 1)
            .trim()
            .toLowerCase()
        : '';
    if (!validSourceName(source) || !SHA256_HEX.test(hash)) {
      problems.push(`line ${i + 1}: expected "source:<64 hex digits of the token's SHA-256>"`);
      return;
    }
    entries.push({ source, hash });
  });
  return { entries, problems };
}

/** The file of per-source tokens in force: INGEST_TOKENS_FILE, else DATA_DIR/ingest-tokens. */
export function tokensFilePath(configured: string | undefined, dataDir: string): string {
  return resolve(configured ?? join(dataDir, 'ingest-tokens'));
}

/**
 * The ingest tokens the server accepts, kept as SHA-256 hashes. A presented token is hashed and
 * compared with every stored hash in constant time, without stopping at a match, so an unknown
 * token and a wrong one take the same path.
 */
export class IngestTokens {
  private constructor(private readonly entries: Entry[]) {}

  /** From the default token (null: off) and the lines of a tokens file (its text, when there is one). */
  static from(defaultToken: string | null, fileText: string | null): IngestTokens {
    const entries: Entry[] = [];
    if (defaultToken !== null) {
      entries.push({ id: 'default', source: null, hash: Buffer.from(hashToken(defaultToken), 'hex') });
    }
    if (fileText !== null) {
      const { entries: lines, problems } = parseTokensFile(fileText);
      if (problems.length) throw new Error(problems.join('; '));
      for (const { source, hash } of lines) {
        entries.push({ id: `${source}/${hash.slice(0, 8)}`, source, hash: Buffer.from(hash, 'hex') });
      }
    }
    return new IngestTokens(entries);
  }

  /** Loads the tokens file when it exists (a configured one must). Throws with the file and line at fault. */
  static load(defaultToken: string | null, file: string): { tokens: IngestTokens; perSource: number } {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
    try {
      const tokens = IngestTokens.from(defaultToken, text);
      return { tokens, perSource: tokens.entries.filter((e) => e.source !== null).length };
    } catch (err) {
      throw new Error(`ingest tokens file ${file}: ${(err as Error).message}`);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The credential of a presented token, or null. Same work for a missing, unknown or wrong token. */
  verify(presented: string | undefined): IngestCredential | null {
    const hash = createHash('sha256')
      .update(presented ?? '', 'utf8')
      .digest();
    let found: Entry | null = null;
    for (const e of this.entries) {
      // No early exit: the time taken does not depend on which entry (if any) matched.
      const same = timingSafeEqual(hash, e.hash);
      if (same && found === null && presented) found = e;
    }
    return found ? { id: found.id, source: found.source } : null;
  }
}
