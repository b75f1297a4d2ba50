import type { Agent } from 'node:http';
import type { ArticleInput } from '../shared/index.js';
import { ClientGroup } from './client-group.js';
import { nowMs, sleep } from './clock.js';
import { type BenchContext, recordStartup } from './context.js';
import { type HttpResult, httpRequest, keepAliveAgent } from './http.js';
import type { ClientJob } from './messages.js';
import type { LatencyRepeat, LatencyRun, Percentiles } from './results.js';
import { type RunningServer, startBaseline, startSocketIoBaseline, startTickerwire } from './servers.js';
import { median, quantile } from './stats.js';
import { makeStory } from './stories.js';

const CLIENT_COUNTS = [100, 1000, 5000];
/** The bare Socket.IO reference runs at the floor's count only (the run must stay within 5 minutes). */
const REFERENCE_CLIENTS = 1000;
/** --quick leaves out C=5,000 (connecting that many clients is most of the section's time). */
const countsFor = (ctx: BenchContext) => (ctx.quick ? CLIENT_COUNTS.filter((c) => c < 5000) : CLIENT_COUNTS);
/** Client processes for C clients: more for many, so no client process is the bottleneck. */
const processesFor = (clients: number) => (clients >= 5000 ? 4 : 2);
const REPEATS = 3;
/** Fewer stories at C=5,000 keep the run within its time (each still reaches every client). */
const storiesFor = (clients: number) => (clients >= 5000 ? 10 : 50);
const WARMUP_STORIES = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
/** Quiet time between two stories, so each is measured on its own. */
const GAP_MS = 20;

interface Posted {
  seq: number;
  sentAt: number;
  answeredAt: number;
}

type Post = (n: number) => Promise<Posted>;

/** The timings of a POST that must have answered 201; `seq` reads the story's seq from it. */
function posted(res: HttpResult, seq: (body: string) => number): Posted {
  if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${res.body.slice(0, 200)}`);
  return { seq: seq(res.body), sentAt: res.sentAt, answeredAt: res.headersAt };
}

function percentiles(values: number[]): Percentiles {
  const sorted = values.sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** CPU time (user + system, µs) the server process has used so far. */
async function serverCpu(server: RunningServer): Promise<number> {
  const { cpu } = await server.child.ask({ type: 'usage', gc: false });
  return cpu.user + cpu.system;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function measure(
  server: RunningServer,
  post: Post,
  group: ClientGroup,
  first: number,
): Promise<LatencyRepeat> {
  const posts: Posted[] = [];
  const serverBefore = await serverCpu(server);
  const clientsBefore = sum(await group.cpu());
  const started = nowMs();
  for (let k = 0; k < storiesFor(group.total); k++) {
    const p = await post(first + k);
    await group.waitComplete(p.seq, DELIVERY_TIMEOUT_MS);
    posts.push(p);
    await sleep(GAP_MS);
  }
  const seconds = (nowMs() - started) / 1000;
  const serverUs = (await serverCpu(server)) - serverBefore;
  const clientsUs = sum(await group.cpu()) - clientsBefore;
  const report = await group.report();
  const from201: number[] = [];
  const fromSend: number[] = [];
  for (const p of posts) {
    for (const t of report.receipts.get(p.seq) ?? []) {
      from201.push(t - p.answeredAt);
      fromSend.push(t - p.sentAt);
    }
  }
  return {
    from201: percentiles(from201),
    fromSend: percentiles(fromSend),
    answerMs: median(posts.map((p) => p.answeredAt - p.sentAt)),
    stories: posts.length,
    deliveries: from201.length,
    missing: posts.length * group.total - from201.length,
    otherMessagesPerClientPerSecond: report.otherMessages / group.total / seconds,
    reactionBytesPerClientPerSecond: report.reactionBytes / group.total / seconds,
    serverCpuMsPerStory: serverUs / 1000 / posts.length,
    clientCpuMsPerStory: clientsUs / 1000 / posts.length,
  };
}

async function run(
  system: string,
  kind: ClientJob['kind'],
  server: RunningServer,
  clients: number,
  post: Post,
  ctx: BenchContext,
): Promise<LatencyRun> {
  ctx.progress(`story latency: ${system}, C=${clients}: connecting`);
  const group = await ClientGroup.start(kind, server.url, clients, processesFor(clients));
  try {
    const clock = await group.checkClocks();
    ctx.progress(
      `story latency: ${system}, C=${clients}: forked and connected in ${group.connectMs.toFixed(0)} ms`,
    );
    let n = 0;
    for (; n < WARMUP_STORIES; n++) await group.waitComplete((await post(n)).seq, DELIVERY_TIMEOUT_MS);
    await group.report();
    const repeats: LatencyRepeat[] = [];
    for (let r = 0; r < REPEATS; r++, n += storiesFor(clients))
      repeats.push(await measure(server, post, group, n));
    const { disconnects } = await group.report();
    return {
      system,
      clients,
      clientProcesses: processesFor(clients),
      connectMs: group.connectMs,
      clock,
      disconnects,
      repeats,
    };
  } finally {
    await group.stop();
  }
}

/** Posts real stories to Tickerwire; keeps each answer (by story number) for the baseline. */
function tickerwirePoster(
  server: RunningServer,
  agent: Agent,
  story: (n: number) => ArticleInput,
  answers: string[],
): Post {
  return async (n) => {
    const res = await httpRequest(`${server.url}/api/articles`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${server.token}` },
      body: JSON.stringify(story(n)),
    });
    const p = posted(res, (body) => (JSON.parse(body) as { seq: number }).seq);
    answers[n] = res.body;
    return p;
  };
}

/** Has the baseline broadcast the same article JSON Tickerwire answered for story n. */
function baselinePoster(server: RunningServer, agent: Agent, answers: string[]): Post {
  let seq = 0;
  return async (n) => {
    const article = JSON.parse(answers[n] ?? answers[0] ?? '{}') as Record<string, unknown>;
    const s = ++seq;
    const res = await httpRequest(`${server.url}/broadcast`, {
      method: 'POST',
      agent,
      body: JSON.stringify({ ...article, seq: s }),
    });
    return posted(res, () => s);
  };
}

/**
 * 1. Story latency: POST answered 201 -> article:published at each of C clients; baseline: bare ws.
 * Between the two, at C=1,000, a bare Socket.IO server sends the same stories to the same Socket.IO
 * clients: what Socket.IO itself costs here, apart from Tickerwire's own work.
 */
export async function latencySection(ctx: BenchContext): Promise<void> {
  const answers = new Map<number, string[]>();
  const agent = keepAliveAgent(1);
  try {
    const tw = await startTickerwire(ctx.tmpRoot, 'latency');
    recordStartup(ctx, 'tickerwire (latency)', 5, tw);
    try {
      for (const c of countsFor(ctx)) {
        const list: string[] = [];
        answers.set(c, list);
        const story = (n: number) => makeStory(`${ctx.runId}-c${c}`, n);
        const post = tickerwirePoster(tw, agent, story, list);
        ctx.results.latency.push(await run('tickerwire (socket.io)', 'socketio', tw, c, post, ctx));
      }
    } finally {
      await tw.stop();
    }
    const sio = await startSocketIoBaseline();
    try {
      const post = baselinePoster(sio, agent, answers.get(REFERENCE_CLIENTS) ?? []);
      ctx.results.latency.push(
        await run('reference (bare socket.io)', 'socketio', sio, REFERENCE_CLIENTS, post, ctx),
      );
    } finally {
      await sio.stop();
    }
    const base = await startBaseline(ctx.tmpRoot, 'latency-baseline');
    try {
      for (const c of countsFor(ctx)) {
        const post = baselinePoster(base, agent, answers.get(c) ?? []);
        ctx.results.latency.push(await run('baseline (bare ws)', 'ws', base, c, post, ctx));
      }
    } finally {
      await base.stop();
    }
  } finally {
    agent.destroy();
  }
}
