import { describe, expect, it } from 'vitest';
import { fixtureLines, serverFrames } from '../../tests/support/fixtures.js';
import { parseAlpacaFrame } from './alpaca-frames.js';

describe('parseAlpacaFrame', () => {
  it('reads every server frame of the recorded session', () => {
    const frames = serverFrames('ws/alpaca/stocks_session.jsonl').map((f) => parseAlpacaFrame(f));
    const messages = frames.flatMap((f) => (f.ok ? f.messages : []));
    expect(frames.every((f) => f.ok && f.bad === 0)).toBe(true);
    expect(messages).toEqual([
      { kind: 'success', msg: 'connected' },
      { kind: 'success', msg: 'authenticated' },
      { kind: 'subscription', trades: ['AAPL'], bars: ['*'] },
      { kind: 'trade', symbol: 'AAPL', price: 126.55, t: Date.parse('2021-02-22T15:51:44.208Z') },
      { kind: 'other', type: 'q' },
      { kind: 'bar', symbol: 'SPY', close: 389.12, start: Date.parse('2021-02-22T19:15:00Z') },
      { kind: 'other', type: 'd' },
      { kind: 'other', type: 's' },
      { kind: 'subscription', trades: ['AAPL'], bars: [] },
    ]);
  });

  it('reads every numbered error', () => {
    const errors = fixtureLines('ws/alpaca/error_frames.jsonl').map((l) => parseAlpacaFrame(l));
    expect(errors.map((e) => (e.ok && e.messages[0]?.kind === 'error' ? e.messages[0].code : null))).toEqual([
      400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 500,
    ]);
  });

  it('keeps nanosecond times to the millisecond', () => {
    const f = parseAlpacaFrame('[{"T":"t","S":"AMD","p":87.66,"s":1,"t":"2021-02-22T15:51:45.335689322Z"}]');
    expect(f).toEqual({
      ok: true,
      bad: 0,
      messages: [{ kind: 'trade', symbol: 'AMD', price: 87.66, t: Date.parse('2021-02-22T15:51:45.335Z') }],
    });
  });

  it('counts a bad message and keeps the good ones of the same frame', () => {
    const f = parseAlpacaFrame(
      '[{"T":"t","S":"AAPL","p":"x","t":"2021-02-22T15:51:44Z"},{"T":"t","S":"AAPL","p":1,"t":"yesterday"},' +
        '{"T":"t","S":"AAPL","p":126.5,"t":"2021-02-22T15:51:44Z"},{"no":"type"}]',
    );
    expect(f).toMatchObject({ ok: true, bad: 3, messages: [{ kind: 'trade', price: 126.5 }] });
  });

  it('calls a frame that is not an array of messages bad', () => {
    expect(parseAlpacaFrame('{"T":"t"}')).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseAlpacaFrame('<html>')).toMatchObject({ ok: false, reason: 'json' });
  });
});
