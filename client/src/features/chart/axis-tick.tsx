import type { BaseTickContentProps } from 'recharts';

/** A tick label's first baseline below its anchor, as recharts' `Text` puts one line of text. */
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

const renderers = new Map<string, (props: BaseTickContentProps) => React.ReactNode>();

/**
 * An axis tick label drawn as one plain SVG `<text>`. recharts' own tick is its `Text`, which is
 * handed the axis width and so measures every word of a label it has not seen before in a hidden
 * DOM node (`getStringSize`): a forced layout in the middle of the chart's commit each time a new
 * story brings new price levels. A tick label is one short line, so nothing needs measuring.
 * The renderer is the same function for the same style, so the axis props compare equal.
 */
export function plainAxisTick(
  fill: string,
  fontSize: number,
): (props: BaseTickContentProps) => React.ReactNode {
  const key = `${fill}|${fontSize}`;
  const known = renderers.get(key);
  if (known) return known;
  const render = (props: BaseTickContentProps) => {
    const { x, y, payload, index, tickFormatter, textAnchor, verticalAnchor, className } = props;
    const value: unknown = payload.value;
    const text = tickFormatter ? tickFormatter(value, index) : String(value);
    return (
      <text
        x={x}
        y={y}
        dy={DY[verticalAnchor]}
        textAnchor={textAnchor}
        fill={fill}
        fontSize={fontSize}
        className={className}
      >
        {text}
      </text>
    );
  };
  renderers.set(key, render);
  return render;
}
