import type { ClockCheck } from './client-group.js';
import type { HeapParts } from './heap-split.js';
import type { Verdict } from './verdicts.js';

export interface Meta {
  node: string;
  cpus: number;
  cpuModel: string;
  platform: string;
  totalMemoryMiB: number;
  date: string;
  loadAverage1m: number;
  /** CPU busy (all cores, percent) in 1 s before and after the bench, when it ran nothing. */
  busyBeforePercent: number;
  busyAfterPercent: number;
}

export interface Startup {
  server: string;
  backfillMinutes: number;
  readyMs: number;
  createMs: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface LatencyRepeat {
  /** Client receive time minus the moment the poster got the 201. */
  from201: Percentiles;
  /** Client receive time minus the moment the POST was sent. */
  fromSend: Percentiles;
  /** Median time from sending a POST to its 201 (ms). */
  answerMs: number;
  stories: number;
  deliveries: number;
  missing: number;
  /** Other server messages (ticks, heartbeats) each client got per second during the repeat. */
  otherMessagesPerClientPerSecond: number;
  /** Bytes (characters) of reactions:updated frames each client got per second during the repeat. */
  reactionBytesPerClientPerSecond: number;
  /** CPU time (user + system) over the repeat divided by its stories, ms: the server process, and all client processes together. */
  serverCpuMsPerStory?: number;
  clientCpuMsPerStory?: number;
}

export interface LatencyRun {
  system: string;
  clients: number;
  clientProcesses: number;
  connectMs: number;
  clock: ClockCheck[];
  disconnects: number;
  repeats: LatencyRepeat[];
}

export interface RateRepeat {
  perSecond: number;
  ok: number;
  failed: number;
  /** Request time (send to end of answer), ms. */
  p50Ms: number;
  p99Ms: number;
  /** CPU time the server process used over the repeat, as a percent of one core. */
  serverCpuPercent: number;
}

export interface IngestRun {
  system: string;
  concurrency: number;
  seconds: number;
  clientsConnected: number;
  repeats: RateRepeat[];
}

export interface HistoryRepeat {
  /** Median over the requests of one repeat, ms (send to end of body). */
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface HistoryRun {
  system: string;
  window: string;
  points: number;
  bytes: number;
  requests: number;
  repeats: HistoryRepeat[];
}

export interface MemoryRepeat {
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  rssPerClient: number;
  heapUsedPerClient: number;
}

export interface MemoryRun {
  system: string;
  clients: number;
  gc: boolean;
  repeats: MemoryRepeat[];
}

export interface TicksRepeat {
  seconds: number;
  /** Ticks the source made a second. */
  madePerSecond: number;
  /** Ticks received a second, summed over every client. */
  deliveredPerSecond: number;
  /** Frames (ticks:batch, or single tick messages for the naive baseline) each client got a second. */
  framesPerClientPerSecond: number;
  /** Server CPU (user + system) over the window, percent of one core. */
  serverCpuPercent: number;
  /** Each client process's CPU over the window, percent of one core (the clients share the cores). */
  clientCpuPercent: number[];
  /** Ticks delivered per CPU-second of the server. */
  ticksPerCpuSecond: number;
  /** Age of each received tick: receipt (client's Date.now()) minus the source's stamp. */
  ageP50Ms: number;
  ageP99Ms: number;
  ageMaxMs: number;
  /** Story deliveries (article:published at a client) in the window. */
  storiesDelivered: number;
  disconnects: number;
}

export interface TicksRun {
  system: string;
  clients: number;
  clientProcesses: number;
  watchPerClient: number;
  ticksPerSecond: number;
  storiesPerSecond: number;
  connectMs: number;
  repeats: TicksRepeat[];
  /** With stories posted: their latency from the 201 to each client, over the stories every client got. */
  storyLatency?: { stories: number; from201: Percentiles };
}

export interface PageRun {
  seconds: number;
  symbols: number;
  ticksPerSymbolPerSecond: number;
  storiesPosted: number;
  viewport: string;
  /** Animation frames counted in each second of the run. */
  fpsPerSecond: number[];
  fpsMedian: number;
  fpsMin: number;
  /** Long tasks (over 50 ms) during the run, and the longest. */
  longTasks: number;
  longTaskMaxMs: number;
  /** When each long task started, seconds into the run. */
  longTaskAtS: number[];
  /** The longest task while the page loaded (before the run). */
  loadLongTaskMaxMs: number;
  /** Main-thread busy time (CDP TaskDuration) and script time per second of the run. */
  mainThreadMsPerSecond: number;
  scriptMsPerSecond: number;
  /** JS heap used after a forced GC at the start and end of the run. */
  heapStartMiB: number;
  heapEndMiB: number;
  /**
   * The same heap from snapshots (after GC) at the start and end, in MiB: compiled code (V8 fills it
   * as it compiles the page's functions, for minutes) apart from the objects (JS and native/DOM).
   */
  heapParts?: { start: HeapParts; end: HeapParts };
  domNodesStart: number;
  domNodesEnd: number;
  /** JavaScript index.html loads first (entry and modulepreloads), gzipped. */
  initialJsGzKiB: number;
  initialJsFiles: string[];
  /** Every script the desk loaded (lazy chunks too), gzipped. */
  loadedJsGzKiB: number;
  /** From navigation start to the frame that paints the first story row. */
  firstStoryMs: number;
  rowsShown: number;
  pageErrors: number;
}

export interface BenchResults {
  meta: Meta;
  startups: Startup[];
  latency: LatencyRun[];
  ingest: IngestRun[];
  history: HistoryRun[];
  memory: MemoryRun[];
  ticks: TicksRun[];
  page: PageRun[];
  /** Every floor with its verdict (filled in at the end of the run). */
  verdicts: Verdict[];
  notes: string[];
}
