/**
 * Makes a per-source ingest token: prints it once and appends only its SHA-256 to the tokens file
 * (INGEST_TOKENS_FILE, else DATA_DIR/ingest-tokens). `--revoke <source>` removes a source's tokens.
 * The server reads the file at start: restart it after a change.
 *
 *   npm run token -- reuters-bridge
 *   npm run token -- --revoke reuters-bridge
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  hashToken,
  newToken,
  parseTokensFile,
  tokensFilePath,
  validSourceName,
} from '../server/http/ingest-tokens.js';

const args = process.argv.slice(2);
const revoke = args[0] === '--revoke';
const source = (revoke ? args[1] : args[0])?.trim() ?? '';
if (!validSourceName(source) || args.length !== (revoke ? 2 : 1)) {
  console.error('usage: npm run token -- <source>   |   npm run token -- --revoke <source>');
  process.exit(64);
}
const file = tokensFilePath(process.env.INGEST_TOKENS_FILE || undefined, process.env.DATA_DIR || './data');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
const { problems } = parseTokensFile(before);
if (problems.length) {
  console.error(`${file} has lines the server would refuse (${problems.join('; ')}); fix them first.`);
  process.exit(65);
}

if (revoke) {
  const kept = before.split(/\r?\n/).filter((l) => {
    const at = l.lastIndexOf(':');
    return l.trim().startsWith('#') || at <= 0 || l.slice(0, at).trim() !== source;
  });
  writeFileSync(file, kept.join('\n'), { mode: 0o600 });
  console.error(`removed the tokens of "${source}" from ${file}; restart the server to apply.`);
} else {
  const token = newToken();
  mkdirSync(dirname(file), { recursive: true });
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${sep}${source}:${hashToken(token)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.error(
    `token for "${source}" (shown once; ${file} keeps only its hash; restart the server to apply):`,
  );
  console.log(token);
}
