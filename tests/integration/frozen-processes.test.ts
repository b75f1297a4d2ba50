import { describe, expect, it } from 'vitest';
import { frozenClient, frozenServer } from '../chaos/freeze.js';

// CI-sized: the full runs are in `npm run chaos`. Real processes, SIGSTOP/SIGCONT.
describe('frozen processes', () => {
  it('a frozen client is let go by the server and, thawed, ends with every story once, in order', async () => {
    const r = await frozenClient({
      seed: 11,
      stories: 90,
      others: 2,
      freezeMs: 4_000,
      bodyBytes: 2_000,
      pingMs: 1_000,
      maxBacklogKb: 1_024,
    });
    console.log('frozen client', JSON.stringify(r));
    expect(r.stored).toBe(r.stories);
    expect(r.shedBy).not.toBe('not shed');
    expect(r.victimWhole).toBe(true);
    expect(r.othersWhole).toBe(r.others);
  }, 90_000);

  it('a frozen server is noticed by every client by its heartbeat; thawed, nothing is missing', async () => {
    const r = await frozenServer({
      seed: 12,
      stories: 60,
      others: 0,
      clients: 4,
      freezeMs: 3_000,
      bodyBytes: 200,
      pingMs: 800,
      maxBacklogKb: 4_096,
    });
    console.log('frozen server', JSON.stringify(r));
    expect(r.stored).toBe(r.stories);
    expect(r.noticed).toBe(r.clients);
    expect(r.clientsWhole).toBe(r.clients);
  }, 90_000);
});
