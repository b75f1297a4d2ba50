import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpacaDataUrl, ConfigError, loadConfig, replayFile } from './config.js';
import { SAMPLE_TICKS_FILE } from './market/replay-source.js';
import { projectRoot } from './version.js';

/** The problems loadConfig lists for env (none when it loads). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('config', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      DEMO_NEWS: true,
      TICK_SOURCE: 'mock',
      LOG_LEVEL: 'info',
      STORE: 'sqlite',
    });
    expect(loadConfig({}).INGEST_TOKEN).toBeUndefined();
  });

  it('reads on/off switches and numbers, and treats empty values as unset', () => {
    const c = loadConfig({ DEMO_NEWS: 'off', PORT: '8080', HOST: '', DEMO_INTERVAL_MS: '2000' });
    expect(c).toMatchObject({ DEMO_NEWS: false, PORT: 8080, HOST: '127.0.0.1', DEMO_INTERVAL_MS: 2000 });
    expect(loadConfig({ DEMO_NEWS: 'ON' }).DEMO_NEWS).toBe(true);
  });

  it('reads the symbol directory files, each of which must exist', () => {
    expect(loadConfig({}).SYMBOL_FILES).toBeUndefined();
    expect(
      loadConfig({ SYMBOL_FILES: `${import.meta.filename}, ${import.meta.filename}` }).SYMBOL_FILES,
    ).toEqual([import.meta.filename, import.meta.filename]);
    expect(() => loadConfig({ SYMBOL_FILES: '/nowhere/symbols.json' })).toThrow(/SYMBOL_FILES/);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DEMO_NEWS: 'maybe', INGEST_TOKEN: 'short', TICK_SOURCE: 'bloomberg' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const v of ['PORT', 'DEMO_NEWS', 'INGEST_TOKEN', 'TICK_SOURCE']) expect(problems).toContain(v);
    }
  });
});

describe('tick source config', () => {
  it('defaults to the mock market, with the providers’ public endpoints and limits', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      TICK_SOURCE: 'mock',
      FINNHUB_WS_URL: 'wss://ws.finnhub.io',
      FINNHUB_SYMBOL_LIMIT: 50,
      ALPACA_DATA_FEED: 'iex',
      ALPACA_SYMBOL_LIMIT: 30,
      REPLAY_SPEED: 1,
      TICK_SILENCE_MS: 90_000,
    });
    expect(alpacaDataUrl(c)).toBe('wss://stream.data.alpaca.markets/v2/iex');
    expect(alpacaDataUrl(loadConfig({ ALPACA_DATA_FEED: 'sip' }))).toBe(
      'wss://stream.data.alpaca.markets/v2/sip',
    );
    expect(alpacaDataUrl(loadConfig({ ALPACA_DATA_WS_URL: 'ws://127.0.0.1:9/v2/test' }))).toBe(
      'ws://127.0.0.1:9/v2/test',
    );
    expect(replayFile(c)).toBe(join(projectRoot(), SAMPLE_TICKS_FILE));
    expect(existsSync(replayFile(c))).toBe(true);
  });

  it('accepts each source with what it needs', () => {
    expect(loadConfig({ TICK_SOURCE: 'finnhub', FINNHUB_API_KEY: 'k' }).TICK_SOURCE).toBe('finnhub');
    expect(
      loadConfig({ TICK_SOURCE: 'alpaca', ALPACA_API_KEY_ID: 'id', ALPACA_API_SECRET_KEY: 's' }).TICK_SOURCE,
    ).toBe('alpaca');
    expect(loadConfig({ TICK_SOURCE: 'replay', REPLAY_SPEED: '2.5' }).REPLAY_SPEED).toBe(2.5);
  });

  it('stops on a missing key or file, listing every problem and never echoing a key', () => {
    expect(problemsOf({ TICK_SOURCE: 'finnhub' })).toEqual([
      'FINNHUB_API_KEY: required when TICK_SOURCE=finnhub',
    ]);
    expect(problemsOf({ TICK_SOURCE: 'alpaca', ALPACA_API_KEY_ID: 'id', PORT: 'x' })).toEqual([
      expect.stringContaining('PORT'),
      'ALPACA_API_SECRET_KEY: required when TICK_SOURCE=alpaca',
    ]);
    expect(problemsOf({ TICK_SOURCE: 'replay', REPLAY_FILE: '/nonexistent/ticks.jsonl' })).toEqual([
      expect.stringMatching(/^REPLAY_FILE: no such file/),
    ]);
    const bad = problemsOf({
      TICK_SOURCE: 'finnhub',
      FINNHUB_API_KEY: 'x'.repeat(600),
      FINNHUB_WS_URL: 'https://ws.finnhub.io',
    });
    expect(bad.join('\n')).toContain('FINNHUB_WS_URL');
    expect(bad.join('\n')).toContain('FINNHUB_API_KEY');
    expect(bad.join('\n')).not.toContain('x'.repeat(600));
  });
});

describe('security settings', () => {
  it('reads the ingest body limit as a size and refuses nonsense', () => {
    expect(loadConfig({}).INGEST_BODY_LIMIT).toBe(512 * 1_024);
    expect(loadConfig({ INGEST_BODY_LIMIT: '2mb' }).INGEST_BODY_LIMIT).toBe(2 * 1_024 * 1_024);
    expect(loadConfig({ INGEST_BODY_LIMIT: '4096' }).INGEST_BODY_LIMIT).toBe(4_096);
    for (const bad of ['lots', '10', '1gb', '-5kb', '0.5mb', '100mb'])
      expect(() => loadConfig({ INGEST_BODY_LIMIT: bad }), bad).toThrow(/INGEST_BODY_LIMIT/);
  });

  it('takes viewer and metrics tokens of at least 16 characters and never echoes them', () => {
    expect(loadConfig({ VIEW_TOKEN: 'v'.repeat(16) }).VIEW_TOKEN).toBe('v'.repeat(16));
    try {
      loadConfig({ VIEW_TOKEN: 'short-secret', METRICS_TOKEN: 'tiny-secret' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
      expect((err as Error).message).not.toContain('short-secret');
      expect((err as Error).message).not.toContain('tiny-secret');
    }
  });
});

describe('config: Postgres store', () => {
  it('has no database by default (the embedded store) and a pool of 10', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(10);
  });

  it('takes postgres:// and postgresql:// URLs and a pool size', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://tw:pw@db.internal:5432/tickerwire',
      DATABASE_POOL_SIZE: '25',
    });
    expect(c).toMatchObject({
      DATABASE_URL: 'postgres://tw:pw@db.internal:5432/tickerwire',
      DATABASE_POOL_SIZE: 25,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/tw' }).DATABASE_URL).toBe('postgresql://db/tw');
  });

  it('refuses other URLs without echoing them (they may carry a password), a bad pool size, and STORE=memory with a database', () => {
    const bad = problemsOf({ DATABASE_URL: 'mysql://tw:s3cret-pw@db/tw' });
    expect(bad).toEqual([expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\//)]);
    expect(bad.join('\n')).not.toContain('s3cret-pw');
    expect(problemsOf({ DATABASE_URL: 'not a url' })).toEqual([expect.stringContaining('DATABASE_URL')]);
    expect(problemsOf({ DATABASE_POOL_SIZE: '0' })).toEqual([expect.stringContaining('DATABASE_POOL_SIZE')]);
    expect(problemsOf({ DATABASE_URL: 'postgres://db/tw', STORE: 'memory' })).toEqual([
      expect.stringMatching(/^STORE: memory and DATABASE_URL/),
    ]);
  });
});

describe('config: several nodes', () => {
  it('is one node without REDIS_URL, and takes redis:// and rediss:// URLs and a node id', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({}).NODE_ID).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://:pw@redis.internal:6379', NODE_ID: 'node-1' })).toMatchObject({
      REDIS_URL: 'redis://:pw@redis.internal:6379',
      NODE_ID: 'node-1',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://redis.internal' }).REDIS_URL).toBe('rediss://redis.internal');
  });

  it('refuses other URLs without echoing them (they may carry a password), and a node id with spaces', () => {
    const bad = problemsOf({ REDIS_URL: 'http://:s3cret-pw@redis/0' });
    expect(bad).toEqual([expect.stringMatching(/^REDIS_URL: must be a redis:\/\//)]);
    expect(bad.join('\n')).not.toContain('s3cret-pw');
    expect(problemsOf({ NODE_ID: 'node one' })).toEqual([expect.stringContaining('NODE_ID')]);
  });
});
