import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from '../lib/api.js';

/** Says plainly when prices are simulated, so nobody trades on the mock market by mistake. */
export function PriceSourceBadge() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 60_000,
  });
  if (health.data?.tickSource !== 'mock') return null;
  return (
    <span
      className="session-badge is-simulated"
      data-testid="price-source"
      title="Prices come from the built-in simulated market (TICK_SOURCE=mock), not from an exchange."
    >
      Simulated prices
    </span>
  );
}
