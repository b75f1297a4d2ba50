import { type KeyboardEvent, memo, useMemo } from 'react';
import {
  DefaultZIndexes,
  ReferenceLine,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  ZIndexLayer,
} from 'recharts';
import type { Article } from '../../../../shared/index.js';
import { directionOf, formatPercent, formatPoints } from '../../lib/format.js';
import { placeMarkers, type RelatedStory, spreadLabels } from './chart-markers-layout.js';
import type { EndLabel } from './end-labels.js';

/** A reference line renders only when its props change: each render of one re-registers it in recharts' store. */
export const StableReferenceLine = memo(ReferenceLine);

const LABEL_FONT = 11;
/** The label font is monospaced: its width is known without measuring (with room for wider fallbacks). */
const CHAR_W = LABEL_FONT * 0.66;
const LABEL_H = 17;
const LABEL_GAP = 3;

const DIR_COLOR = { up: 'var(--up)', down: 'var(--down)', flat: 'var(--text-2)' } as const;

function labelParts(l: EndLabel): { symbol: string; move: string; abn: string | null } {
  return {
    symbol: l.symbol,
    move: formatPercent(l.move),
    abn: l.abnormal === undefined ? null : `abn ${formatPoints(l.abnormal)}`,
  };
}

/** Labels at the end of each line (inside the plot, kept apart vertically), with a dot on the line. */
export function ChartEndLabels({ labels }: { labels: readonly EndLabel[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  if (!x || !y || !plot || labels.length === 0) return null;
  const right = plot.x + plot.width;
  const points = labels
    .map((l) => {
      const px = x(l.t) ?? Number.NaN;
      const py = y(l.v) ?? Number.NaN;
      const parts = labelParts(l);
      const chars = parts.symbol.length + 1 + parts.move.length + (parts.abn ? parts.abn.length + 2 : 0);
      const w = Math.ceil(chars * CHAR_W) + 12;
      // Right of the line's end when it fits; else against the plot's right edge, just above the
      // end (below it near the top), so the label does not sit on its own line.
      const fits = px + 8 + w <= right;
      const lx = fits ? px + 8 : right - w;
      const above = py - plot.y > LABEL_H + 8;
      const wantY = fits ? py : above ? py - LABEL_H / 2 - 6 : py + LABEL_H / 2 + 6;
      return { l, px, py, parts, w, lx, wantY };
    })
    .filter((p) => Number.isFinite(p.px) && Number.isFinite(p.py));
  const ys = spreadLabels(
    points.map((p) => p.wantY),
    LABEL_H + LABEL_GAP,
    plot.y + LABEL_H / 2,
    plot.y + plot.height - LABEL_H / 2,
  );
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="chart-end-labels">
        {points.map((p, i) => {
          const { parts, w, lx } = p;
          const ly = ys[i] ?? p.wantY;
          const dir = p.l.move == null ? 'flat' : directionOf(p.l.move / 100);
          const abnDir = p.l.abnormal == null ? 'flat' : directionOf(p.l.abnormal / 100);
          return (
            <g key={p.l.symbol} data-testid="chart-move-label" data-symbol={p.l.symbol}>
              <circle cx={p.px} cy={p.py} r={3} fill={p.l.color} stroke="var(--panel)" strokeWidth={1.5} />
              <rect
                x={lx}
                y={ly - LABEL_H / 2}
                width={w}
                height={LABEL_H}
                rx={3}
                fill="var(--panel-2)"
                fillOpacity={0.92}
                stroke={p.l.color}
                strokeOpacity={0.55}
              />
              <text
                x={lx + 6}
                y={ly}
                dominantBaseline="central"
                fontSize={LABEL_FONT}
                className="chart-label-text"
              >
                <tspan fill={p.l.color} fontWeight={700}>
                  {parts.symbol}
                </tspan>
                <tspan fill={DIR_COLOR[dir]} dx={CHAR_W}>
                  {parts.move}
                </tspan>
                {parts.abn && (
                  <tspan fill={DIR_COLOR[abnDir]} dx={CHAR_W * 2} fontWeight={600}>
                    {parts.abn}
                  </tspan>
                )}
              </text>
            </g>
          );
        })}
      </g>
    </ZIndexLayer>
  );
}

interface StoryMarkersProps {
  related: readonly RelatedStory[];
  from: number;
  to: number;
  hoveredId: string | null;
  onHover: (hover: { story: RelatedStory; x: number; y: number; right: number } | null) => void;
  onSelect: (article: Article) => void;
}

const MARKER_R = 4.5;
const LANE_H = 11;

/**
 * Other stories about the same tickers, as markers along the bottom of the plot at their
 * publication time (stacked when close). Hover or focus shows the headline; click opens the story.
 */
export function ChartStoryMarkers({ related, from, to, hoveredId, onHover, onSelect }: StoryMarkersProps) {
  const plot = usePlotArea();
  const placed = useMemo(
    () =>
      plot
        ? placeMarkers(related, (r) => r.article.publishedAt, {
            from,
            to,
            left: plot.x,
            width: plot.width,
            minGapPx: MARKER_R * 2 + 3,
            lanes: 3,
          })
        : [],
    [related, from, to, plot],
  );
  if (!plot) return null;
  const base = plot.y + plot.height - MARKER_R - 3;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="chart-story-markers">
        {placed.map(({ item, x, lane }) => {
          const cy = base - lane * LANE_H;
          const hovered = item.article.id === hoveredId;
          const show = () => onHover({ story: item, x, y: cy - MARKER_R, right: plot.x + plot.width });
          const onKey = (e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onSelect(item.article);
            }
          };
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it gets the role, focus and keys
            <g
              key={item.article.id}
              className={`chart-story-marker${hovered ? ' is-hovered' : ''}${item.about ? ' is-about' : ''}`}
              data-testid="chart-story-marker"
              data-article-id={item.article.id}
              role="button"
              tabIndex={0}
              aria-label={`Open story: ${item.article.headline}`}
              onMouseEnter={show}
              onFocus={show}
              onMouseLeave={() => onHover(null)}
              onBlur={() => onHover(null)}
              onClick={() => onSelect(item.article)}
              onKeyDown={onKey}
            >
              {hovered && (
                <line
                  x1={x}
                  x2={x}
                  y1={plot.y}
                  y2={cy - MARKER_R}
                  stroke="var(--accent)"
                  strokeOpacity={0.6}
                  strokeDasharray="2 3"
                />
              )}
              <circle cx={x} cy={cy} r={MARKER_R + 5} fill="transparent" />
              <circle cx={x} cy={cy} r={MARKER_R} className="marker-dot" />
            </g>
          );
        })}
      </g>
    </ZIndexLayer>
  );
}

interface PublishedLineProps {
  /** When the story was published (ms). */
  t: number;
  strokeOpacity: number;
  strokeWidth: number;
  strokeDasharray: string;
  labelFill: string;
  fontSize: number;
}

/**
 * The story's publication: a dashed vertical line, labelled "published" above the plot. Drawn
 * here rather than as recharts' `ReferenceLine`, which takes itself out of recharts' store and
 * puts itself back whenever its x changes: two store actions on every new story, each of which
 * re-checks every selector of the chart.
 */
export function PublishedLine({
  t,
  strokeOpacity,
  strokeWidth,
  strokeDasharray,
  labelFill,
  fontSize,
}: PublishedLineProps) {
  const x = useXAxisScale();
  const plot = usePlotArea();
  const px = x?.(t);
  if (!plot || px == null || !Number.isFinite(px) || px < plot.x || px > plot.x + plot.width) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="chart-published" data-testid="chart-published">
        <line
          x1={px}
          x2={px}
          y1={plot.y}
          y2={plot.y + plot.height}
          stroke="var(--marker)"
          strokeOpacity={strokeOpacity}
          strokeWidth={strokeWidth}
          strokeDasharray={strokeDasharray}
        />
        <text x={px} y={plot.y - 5} textAnchor="middle" fill={labelFill} fontSize={fontSize}>
          published
        </text>
      </g>
    </ZIndexLayer>
  );
}
