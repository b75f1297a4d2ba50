import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ComponentProps,
  createContext,
  memo,
  startTransition,
  useCallback,
  useContext,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  type ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  type TooltipValueType,
  XAxis,
  YAxis,
} from 'recharts';
import type { Article } from '../../../../shared/index.js';
import { directionOf, formatPercent, formatUsd } from '../../lib/format.js';
import { getLivePrice } from '../../lib/prices.js';
import { boundIdleQueries } from '../../lib/query-client.js';
import { isReconnect, socket } from '../../lib/socket.js';
import { plainAxisTick } from './axis-tick.js';
import { type ChartRow, niceTicks, tailRow, valueDomain } from './build-series.js';
import { ChartLegend } from './chart-legend.js';
import { ChartLiveTail, type ChartLiveTailProps, type TailLine } from './chart-live-tail.js';
import { aboutSymbols, type RelatedStory, relatedStories } from './chart-markers-layout.js';
import { ChartStoryMarkers, PublishedLine, StableReferenceLine } from './chart-overlays.js';
import { chartKeys, MAX_IDLE_CHART_QUERIES, relatedQueryOptions } from './chart-queries.js';
import { ChartTooltip } from './chart-tooltip.js';
import { CHART_RANGES, type ChartRange, DEFAULT_CHART_RANGE, etTicks, formatEtTick } from './chart-window.js';
import { endLabels } from './end-labels.js';
import { staticLineShape } from './line-shape.js';
import { MarkerCard, type MarkerHover } from './marker-card.js';
import { prefetchChartHistories, useChartData } from './use-chart-data.js';

interface StoryChartProps {
  article: Article;
  /** Stories already loaded (the feed): those about the same tickers become markers, live. */
  stories: readonly Article[];
  /** Opens another story (a marker was clicked). */
  onSelectStory: (article: Article) => void;
}

const AXIS_TICK = plainAxisTick('var(--text-3)', 11);
const RANGE_LABEL: Record<ChartRange, string> = { '15m': '15m', '1h': '1h', '1d': '1D' };
const MAX_X_TICKS = 8;
/*
 * Props recharts compares by identity: a new object or function on every render makes it store the
 * axis or line settings again and recompute every selector, so the fixed ones live here and the
 * others are memoised on their values.
 */
const CHART_MARGIN = { top: 18, right: 12, bottom: 4, left: 4 };
const TOOLTIP_CURSOR = { stroke: 'var(--line-strong)', strokeWidth: 1 };
const ACTIVE_DOT = { r: 3, strokeWidth: 0 };
const formatUsdTick = (v: number) => formatUsd(v);

/** The range picked last: the next story opens with it. */
let preferredRange: ChartRange = DEFAULT_CHART_RANGE;

/** Fewest decimals (0 to 3) that print every tick exactly. */
function decimalsFor(ticks: readonly number[]): number {
  for (let d = 0; d < 3; d++) if (ticks.every((t) => Math.abs(Number(t.toFixed(d)) - t) < 1e-9)) return d;
  return 3;
}

function axisPctFormatter(digits: number): (v: number) => string {
  return (v) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(digits)}%`;
}

/**
 * The story told as a chart: each ticker from before publication to now (or the end of the range),
 * publication marked, the reference price as a line, the move and abnormal move labelled at the
 * end of each line, the benchmark for comparison, and other stories about the same tickers as
 * markers that open them.
 */
export function StoryChart({ article, stories, onSelectStory }: StoryChartProps) {
  const shown = useStoryWhenReady(article);
  // The feed moves on every story too: the markers follow in a render React can split.
  const shownStories = useDeferredValue(stories);
  return (
    <StoryChartView
      article={shown}
      stories={shownStories}
      onSelectStory={onSelectStory}
      pending={shown.id !== article.id}
    />
  );
}

/** How long the chart keeps showing the previous story while the next one's prices load. */
const SWITCH_WAIT_MS = 300;

/**
 * The story the chart shows: a new one once its price histories have answered (or after
 * SWITCH_WAIT_MS, to show it loading), in a render React can split. A chart that switched at once
 * would draw the new story empty and then again with its prices: two full renders of the chart
 * per story (one a second while following the newest), and an empty frame between them.
 */
function useStoryWhenReady(article: Article): Article {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(article);
  useEffect(() => {
    if (article === shown) return;
    const show = () => startTransition(() => setShown(article));
    // The same story with new figures (a reaction update): nothing to load.
    if (article.id === shown.id) {
      show();
      return;
    }
    let waiting = true;
    const done = () => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      show();
    };
    const timer = setTimeout(done, SWITCH_WAIT_MS);
    void prefetchChartHistories(queryClient, article, preferredRange).finally(done);
    return () => {
      waiting = false;
      clearTimeout(timer);
    };
  }, [article, shown, queryClient]);
  return shown;
}

interface StoryChartViewProps extends StoryChartProps {
  /** The desk moved on to another story, whose prices are still loading. */
  pending: boolean;
}

const StoryChartView = memo(function StoryChartView({
  article,
  stories,
  onSelectStory,
  pending,
}: StoryChartViewProps) {
  const queryClient = useQueryClient();
  const [range, setRangeState] = useState<ChartRange>(preferredRange);
  const [absSymbol, setAbsSymbol] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [hover, setHover] = useState<MarkerHover | null>(null);
  // The desk keeps one chart and hands it the next story: what was picked for the last one goes.
  const [shownId, setShownId] = useState(article.id);
  if (shownId !== article.id) {
    setShownId(article.id);
    setAbsSymbol(null);
    setHidden(new Set());
    setHover(null);
  }
  const mode = absSymbol ? 'abs' : 'pct';
  const data = useChartData(article, range, mode, absSymbol);
  // A forming line end that leaves the value axis renders the chart again, to rescale it.
  const [, rescale] = useReducer((n: number) => n + 1, 0);
  const { from, to } = data.window;

  const setRange = (r: ChartRange) => {
    preferredRange = r;
    setRangeState(r);
  };

  useEffect(() => boundIdleQueries(queryClient, chartKeys.all, MAX_IDLE_CHART_QUERIES), [queryClient]);

  // Ticks missed while disconnected leave a hole in the live tail: reload the window over REST.
  useEffect(() => {
    const onConnect = () => {
      if (isReconnect()) void queryClient.invalidateQueries({ queryKey: chartKeys.all });
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const toggle = (symbol: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(symbol)) next.delete(symbol);
      else next.add(symbol);
      return next;
    });

  const benchmark = data.series.find((s) => s.benchmark);
  const absSeries = mode === 'abs' ? data.series.find((s) => s.symbol === absSymbol) : undefined;
  const absRef = absSeries?.ref ?? null;
  const visible = data.series.filter((s) =>
    mode === 'abs'
      ? (s.symbol === absSymbol || s.benchmark) && !(s.benchmark && hidden.has(s.symbol))
      : !hidden.has(s.symbol),
  );
  const keys = visible.map((s) => s.key);
  const head = data.tail ? tailRow(data.tail, Date.now()) : null;
  let [min, max] = valueDomain(head ? [...data.rows, head] : data.rows, keys, mode === 'pct');
  if (absRef != null) {
    min = Math.min(min, absRef * 0.999);
    max = Math.max(max, absRef * 1.001);
  }
  const yScale = useMemo(() => niceTicks(min, max, 5), [min, max]);
  const xTicks = useMemo(() => etTicks(from, to, MAX_X_TICKS), [from, to]);
  const xDomain = useMemo(() => [from, to], [from, to]);
  const yDigits = decimalsFor(yScale.ticks);
  const yTickFormatter = useMemo(
    () => (mode === 'pct' ? axisPctFormatter(yDigits) : formatUsdTick),
    [mode, yDigits],
  );
  const refLabel = useMemo(
    () => ({
      value: mode === 'pct' ? 'ref' : `ref ${formatUsd(absRef)}`,
      className: 'chart-ref-label',
      position: 'insideBottomLeft' as const,
      fill: 'var(--text-3)',
      fontSize: 10,
    }),
    [mode, absRef],
  );
  const tickerSeries = data.series.filter((s) => !s.benchmark);

  // Percent since publication of a value on the chart's axis (prices are rebased in price mode).
  const pctOf = (v: number) => (mode === 'pct' ? v : absRef ? (v / absRef - 1) * 100 : null);

  const labels = (rows: readonly ChartRow[]) =>
    endLabels({
      rows,
      visible,
      benchmark,
      tickers: article.tickers,
      live: data.window.live,
      pctOf,
      livePrice: getLivePrice,
    });
  const linesKey = visible.map((s) => `${s.key}:${s.symbol}:${s.color}:${s.benchmark}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: linesKey stands for what the lines are drawn from
  const lines: TailLine[] = useMemo(
    () =>
      visible.map((s) => ({
        key: s.key,
        symbol: s.symbol,
        color: s.color,
        width: s.benchmark ? 1.25 : 1.75,
        opacity: s.benchmark ? 0.75 : 1,
        dash: s.benchmark ? '4 3' : undefined,
      })),
    [linesKey],
  );

  const formatValue = (key: string, v: number) => {
    const isBench = key === benchmark?.key;
    const symbol = data.series.find((s) => s.key === key)?.symbol ?? key;
    if (mode === 'abs' && !isBench) return { symbol, text: formatUsd(v) };
    const pct = pctOf(v);
    return { symbol, text: formatPercent(pct), dir: pct == null ? undefined : directionOf(pct / 100) };
  };
  // The tooltip reads the latest formatter and story through a ref, so its content prop stays the same.
  const tooltipState = useRef({ formatValue, publishedAt: article.publishedAt });
  tooltipState.current = { formatValue, publishedAt: article.publishedAt };
  const tooltipContent = useCallback(
    (p: TooltipContentProps<TooltipValueType, number | string>) => (
      <ChartTooltip
        active={p.active}
        payload={p.payload}
        label={p.label}
        publishedAt={tooltipState.current.publishedAt}
        format={tooltipState.current.formatValue}
      />
    ),
    [],
  );

  const overlays: Overlays = {
    markers: {
      article,
      stories,
      from,
      to,
      hoveredId: hover?.story.article.id ?? null,
      onHover: setHover,
      onSelect: onSelectStory,
    },
    tail: { tail: data.tail, rows: data.rows, lines, yDomain: yScale.domain, onOverflow: rescale, labels },
  };

  return (
    <section
      className={`story-chart${pending ? ' is-pending' : ''}`}
      data-testid="story-chart"
      data-article-id={article.id}
      aria-busy={pending || undefined}
      aria-label="Price reaction chart"
    >
      <div className="chart-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Chart scale</legend>
          <button type="button" aria-pressed={mode === 'pct'} onClick={() => setAbsSymbol(null)}>
            % since published
          </button>
          {tickerSeries.map((s) => (
            <button
              type="button"
              key={s.symbol}
              aria-pressed={absSymbol === s.symbol}
              onClick={() => setAbsSymbol(s.symbol)}
              title={`${s.symbol} price in US dollars, ${benchmark?.symbol ?? 'the benchmark'} rebased onto it`}
            >
              {s.symbol} $
            </button>
          ))}
        </fieldset>
        <fieldset className="segmented chart-ranges" data-testid="chart-range">
          <legend className="visually-hidden">Time range</legend>
          {(Object.keys(CHART_RANGES) as ChartRange[]).map((r) => (
            <button
              type="button"
              key={r}
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              data-range={r}
              title={`${RANGE_LABEL[r]} around publication (a third before, two thirds after)`}
            >
              {RANGE_LABEL[r]}
            </button>
          ))}
        </fieldset>
      </div>
      <ChartLegend
        series={data.series}
        tickers={article.tickers}
        hidden={hidden}
        onToggle={toggle}
        mode={mode}
        absSymbol={absSymbol}
      />
      <div className="chart-frame">
        {data.loading && <div className="chart-overlay">Loading prices…</div>}
        {data.empty && <div className="chart-overlay">No price data for this window</div>}
        <ChartOverlays.Provider value={overlays}>
          <ChartPlot
            rows={data.rows}
            xDomain={xDomain}
            xTicks={xTicks}
            yScale={yScale}
            yTickFormatter={yTickFormatter}
            yWidth={mode === 'pct' ? 52 : 76}
            refY={mode === 'pct' ? 0 : (absRef ?? undefined)}
            refDash={mode === 'pct' ? undefined : '4 3'}
            refLabel={refLabel}
            publishedAt={article.publishedAt}
            lines={lines}
            tooltipContent={tooltipContent}
            tooltipActive={hover ? false : undefined}
          />
        </ChartOverlays.Provider>
        {hover && <MarkerCard hover={hover} publishedAt={article.publishedAt} />}
      </div>
    </section>
  );
});

/** What the chart's own layers draw: they read it here, so the plot does not render again for it. */
interface Overlays {
  markers: RelatedStoryMarkersProps;
  tail: ChartLiveTailProps;
}

interface RelatedStoryMarkersProps extends Omit<ComponentProps<typeof ChartStoryMarkers>, 'related'> {
  article: Article;
  stories: readonly Article[];
}

const ChartOverlays = createContext<Overlays | null>(null);

interface ChartPlotProps {
  rows: readonly ChartRow[];
  xDomain: readonly number[];
  xTicks: readonly number[];
  yScale: { domain: [number, number]; ticks: number[] };
  yTickFormatter: (v: number) => string;
  yWidth: number;
  refY: number | undefined;
  refDash: string | undefined;
  refLabel: ComponentProps<typeof ReferenceLine>['label'];
  publishedAt: number;
  lines: readonly TailLine[];
  tooltipContent: ComponentProps<typeof Tooltip>['content'];
  tooltipActive: false | undefined;
}

/**
 * The recharts part of the chart. It renders only when what it plots changes (the rows, the axes,
 * the lines): a story's reaction updates, the feed and the markers' hover do not reach it, since
 * the markers and the forming line ends read the `ChartOverlays` context.
 */
const ChartPlot = memo(function ChartPlot(props: ChartPlotProps) {
  const { rows, yScale, lines } = props;
  const plotId = useId();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows as ChartRow[]} margin={CHART_MARGIN}>
        <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={props.xDomain as number[]}
          ticks={props.xTicks as number[]}
          interval={0}
          allowDataOverflow
          tickFormatter={formatEtTick}
          tick={AXIS_TICK}
          stroke="var(--line-strong)"
          tickLine={false}
        />
        <YAxis
          domain={yScale.domain}
          ticks={yScale.ticks}
          interval={0}
          allowDataOverflow
          tickFormatter={props.yTickFormatter}
          tick={AXIS_TICK}
          stroke="var(--line-strong)"
          tickLine={false}
          axisLine={false}
          width={props.yWidth}
          orientation="right"
        />
        <Tooltip
          active={props.tooltipActive}
          content={props.tooltipContent}
          cursor={TOOLTIP_CURSOR}
          isAnimationActive={false}
        />
        <StableReferenceLine
          y={props.refY}
          className="chart-ref-line"
          stroke="var(--text-3)"
          strokeDasharray={props.refDash}
          strokeWidth={1}
          label={props.refLabel}
        />
        <PublishedLine
          t={props.publishedAt}
          strokeOpacity={0.7}
          strokeWidth={1.25}
          strokeDasharray="3 3"
          labelFill="var(--marker)"
          fontSize={11}
        />
        {lines.map((l) => (
          <Line
            key={l.key}
            id={`${plotId}-${l.key}`}
            type="linear"
            dataKey={l.key}
            stroke={l.color}
            strokeWidth={l.width}
            strokeOpacity={l.opacity}
            strokeDasharray={l.dash}
            dot={false}
            activeDot={ACTIVE_DOT}
            isAnimationActive={false}
            connectNulls
            shape={staticLineShape}
          />
        ))}
        <RelatedStoryMarkers />
        <StoryChartTail />
      </LineChart>
    </ResponsiveContainer>
  );
});

function useOverlays(): Overlays {
  const overlays = useContext(ChartOverlays);
  if (!overlays) throw new Error('chart layers outside a story chart');
  return overlays;
}

/**
 * The markers of the story's earlier stories, with the request for them: when it answers (a new
 * story a second while following the newest), only the markers render again, not the whole chart.
 */
function RelatedStoryMarkers() {
  const { article, stories, ...markers } = useOverlays().markers;
  const earlier = useQuery(relatedQueryOptions(aboutSymbols(article)));
  const related: RelatedStory[] = useMemo(
    () => relatedStories(article, stories, earlier.data ?? []),
    [article, stories, earlier.data],
  );
  return <ChartStoryMarkers related={related} {...markers} />;
}

/** The forming ends of the lines and their labels. */
function StoryChartTail() {
  return <ChartLiveTail {...useOverlays().tail} />;
}
