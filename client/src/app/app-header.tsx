import type { ReactNode } from 'react';
import { ThemeToggle } from '../components/theme-toggle.js';
import { ConnectionStatus } from '../features/connection/index.js';
import { TickerFilter, type TickerFilterState } from '../features/filter/index.js';
import { MarketClock } from './market-clock.js';
import { PriceSourceBadge } from './price-source-badge.js';

/** Top bar: product, market clock, ticker filter, the desk's tools, connection state. */
export function AppHeader({ filter, tools }: { filter: TickerFilterState; tools: ReactNode }) {
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path
            d="M5 21l6-6 5 4 10-10"
            fill="none"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <circle cx="26" cy="9" r="2.5" fill="var(--accent)" />
        </svg>
        <span className="brand-name">Tickerwire</span>
      </div>
      <MarketClock />
      <PriceSourceBadge />
      <TickerFilter filter={filter} />
      <div className="header-tools">
        {tools}
        <ThemeToggle />
      </div>
      <ConnectionStatus />
    </header>
  );
}
