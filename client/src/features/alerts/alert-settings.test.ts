import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, parseAlertSettings } from './alert-settings.js';

describe('parseAlertSettings', () => {
  it('reads what was stored', () => {
    const stored = { ...DEFAULT_ALERT_SETTINGS, enabled: true, watchlist: ['nvda', 'BABA'], movePct: 2.5 };
    expect(parseAlertSettings(JSON.stringify(stored))).toEqual({ ...stored, watchlist: ['NVDA', 'BABA'] });
  });

  it('falls back to the defaults for anything missing or broken', () => {
    expect(parseAlertSettings(null)).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(parseAlertSettings('{not json')).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(parseAlertSettings(JSON.stringify({ enabled: true, movePct: -3, moveMinutes: 'x' }))).toEqual({
      ...DEFAULT_ALERT_SETTINGS,
      enabled: true,
    });
  });
});
