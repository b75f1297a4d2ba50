import { Curve, type LineDrawShapeProps } from 'recharts';

/**
 * A line's path drawn without measuring it. recharts' own shape hands the path a ref, and its
 * line reads the path's `getTotalLength()` on every render for the draw animation, which is off
 * here; that read forces a layout in the middle of the render (3 ms of a 45 ms chart render in a
 * profile). Without the ref the length reads as 0 and nothing else changes.
 */
export function staticLineShape(props: LineDrawShapeProps) {
  const {
    pathRef: _pathRef,
    animationElapsedTime: _elapsed,
    isAnimating: _animating,
    isEntrance: _entrance,
    visibleLength: _visible,
    connectNulls,
    strokeDasharray,
    ...curve
  } = props;
  return (
    <Curve
      {...curve}
      connectNulls={connectNulls ?? false}
      strokeDasharray={strokeDasharray == null ? undefined : String(strokeDasharray)}
    />
  );
}
