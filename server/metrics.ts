import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance (served at /metrics). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    articlesIngested: new Counter({
      name: 'tickerwire_articles_ingested_total',
      help: 'Stories offered for ingest, by result (created, duplicate, merged, rejected, unauthorized) and kind of source (api, demo, feed, stream).',
      labelNames: ['result', 'source_kind'] as const,
      registers: [registry],
    }),
    ingestSeconds: new Histogram({
      name: 'tickerwire_ingest_duration_seconds',
      help: 'Time from request to committed story (validate, tag, price, commit).',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    socketClients: new Gauge({
      name: 'tickerwire_socket_clients',
      help: 'Connected Socket.IO clients.',
      registers: [registry],
    }),
    articlesPushed: new Counter({
      name: 'tickerwire_articles_published_total',
      help: 'Stories broadcast to subscribers.',
      registers: [registry],
    }),
    articlesReplayed: new Counter({
      name: 'tickerwire_articles_replayed_total',
      help: 'Missed stories replayed to reconnecting clients.',
      registers: [registry],
    }),
    socketsShed: new Counter({
      name: 'tickerwire_sockets_shed_total',
      help: 'Clients dropped because their unsent output passed SOCKET_MAX_BACKLOG_KB (a frozen or far too slow link).',
      registers: [registry],
    }),
    tickBatchesSkipped: new Counter({
      name: 'tickerwire_tick_batches_skipped_total',
      help: 'Tick batches held back from a client whose link was behind (it gets the latest prices once it drains).',
      registers: [registry],
    }),
    tickBatches: new Counter({
      name: 'tickerwire_tick_batches_total',
      help: 'ticks:batch messages broadcast (one per subscription group per flush).',
      registers: [registry],
    }),
    ticksIn: new Counter({
      name: 'tickerwire_ticks_received_total',
      help: 'Ticks received from the tick source.',
      registers: [registry],
    }),
    rejectedMessages: new Counter({
      name: 'tickerwire_rejected_messages_total',
      help: 'Client messages or connections rejected as invalid, by kind.',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    sourceBadFrames: new Counter({
      name: 'tickerwire_tick_source_bad_frames_total',
      help: 'Frames (or replay lines) from the tick source that were malformed and skipped, by source and reason.',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    sourceReconnects: new Counter({
      name: 'tickerwire_tick_source_reconnects_total',
      help: 'Connections to the tick provider that ended and were retried, by source and reason.',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    sourceErrors: new Counter({
      name: 'tickerwire_tick_source_errors_total',
      help: 'Errors the tick provider reported, by source and code.',
      labelNames: ['source', 'code'] as const,
      registers: [registry],
    }),
    sourceConnected: new Gauge({
      name: 'tickerwire_tick_source_connected',
      help: '1 while the tick source delivers prices (connected and authenticated), else 0.',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    storyDelay: new Histogram({
      name: 'tickerwire_story_delay_seconds',
      help: 'Delay of stories by source and stage: published_to_received (the source to this server; backlogs not counted), received_to_pushed (this server to clients).',
      labelNames: ['source', 'stage'] as const,
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    }),
    newsItems: new Counter({
      name: 'tickerwire_news_items_total',
      help: 'Stories read from news feeds and streams, by source and result (created, duplicate, merged, too_old, invalid).',
      labelNames: ['source', 'result'] as const,
      registers: [registry],
    }),
    newsBadItems: new Counter({
      name: 'tickerwire_news_bad_items_total',
      help: 'Malformed feed items or stream messages, skipped, by source and reason.',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    newsFetches: new Counter({
      name: 'tickerwire_news_feed_fetches_total',
      help: 'Feed polls by feed and result (ok, not_modified, http_<status>, timeout, refused, network, bad_feed, too_large).',
      labelNames: ['feed', 'result'] as const,
      registers: [registry],
    }),
    newsSourceUp: new Gauge({
      name: 'tickerwire_news_source_up',
      help: '1 while a news source works (its last poll succeeded, or its stream is connected and authenticated), else 0.',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    newsReconnects: new Counter({
      name: 'tickerwire_news_stream_reconnects_total',
      help: 'Connections to a news stream that ended and were retried, by source and reason.',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    newsErrors: new Counter({
      name: 'tickerwire_news_stream_errors_total',
      help: 'Errors a news stream reported, by source and code.',
      labelNames: ['source', 'code'] as const,
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: 'tickerwire_redis_up',
      help: 'Several nodes: 1 while this node is connected to Redis, else 0.',
      registers: [registry],
    }),
    tickOwner: new Gauge({
      name: 'tickerwire_tick_owner',
      help: 'Several nodes: 1 while this node owns the tick source (holds the lease), else 0.',
      registers: [registry],
    }),
    clusterStories: new Counter({
      name: 'tickerwire_cluster_stories_delivered_total',
      help: "Several nodes: stories sent to this node's clients, by how (local: this node's commit; store: another node's, read back; skipped: a hole in seq that never filled).",
      labelNames: ['how'] as const,
      registers: [registry],
    }),
    clusterMessages: new Counter({
      name: 'tickerwire_cluster_messages_total',
      help: 'Several nodes: messages from other nodes, by kind and result (ok, invalid).',
      labelNames: ['kind', 'result'] as const,
      registers: [registry],
    }),
    clusterTicks: new Counter({
      name: 'tickerwire_cluster_ticks_total',
      help: "Several nodes: ticks sent to the other nodes (out, the owner's) and received from the owner (in).",
      labelNames: ['direction'] as const,
      registers: [registry],
    }),
    sourceSymbols: new Gauge({
      name: 'tickerwire_tick_source_symbols',
      help: 'Wanted symbols that are live and not live.',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
