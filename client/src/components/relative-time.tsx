import { useNow } from '../lib/clock.js';
import { formatAge, formatEtDate, formatEtTime, formatLocalFull } from '../lib/format.js';

interface RelativeTimeProps {
  ms: number;
  className?: string;
  /** "2m ago" / "just now" instead of "2m" / "now". */
  suffix?: boolean;
}

/** "2m", updated every second; the absolute time (ET and local) on hover. */
export function RelativeTime({ ms, className, suffix = false }: RelativeTimeProps) {
  const now = useNow(1_000);
  const age = formatAge(ms, now);
  const text = suffix ? (age === 'now' ? 'just now' : `${age} ago`) : age;
  const title = `${formatEtDate(ms)} ${formatEtTime(ms)} ET · ${formatLocalFull(ms)} local`;
  return (
    <time className={className} dateTime={new Date(ms).toISOString()} title={title}>
      {text}
    </time>
  );
}
