import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
