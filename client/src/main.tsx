import './lib/zod-config.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { WallApp } from './app/wall-app.js';
import { startConnectionMonitor } from './features/connection/index.js';
import { canonicaliseUrlFilter, readFilterFromUrl, readPrimaryFromUrl } from './features/filter/index.js';
import { isWallPath, parseWallParams } from './features/wall/index.js';
import { setSeriesWindow } from './lib/prices.js';
import { queryClient } from './lib/query-client.js';
import { startRealtime } from './lib/realtime.js';
import { setHandshakeTickers } from './lib/socket.js';
import { forceTheme, startTheme } from './lib/theme.js';
import { captureViewToken } from './lib/view-token.js';
import './styles/theme.css';
import './styles/app.css';
import './styles/header.css';
import './styles/feed.css';
import './styles/story.css';
import './styles/controls.css';
import './styles/wall.css';

// First, before anything rewrites the address: the viewer token leaves the URL for storage.
captureViewToken();
// The URL holds the view: /wall is the wall display, configured by its query string; / is the desk.
const wall = isWallPath(window.location.pathname) ? parseWallParams(window.location.search) : null;
// The first handshake already carries the filter of the link the page was opened with.
if (wall) {
  setHandshakeTickers(wall.tickers);
  // The wall's charts reload history every few minutes: ten minutes of live points are plenty.
  setSeriesWindow(10 * 60_000);
  document.documentElement.classList.add('is-wall');
} else {
  canonicaliseUrlFilter();
  setHandshakeTickers(readFilterFromUrl(), readPrimaryFromUrl());
}
startTheme();
if (wall?.theme) forceTheme(wall.theme);
startConnectionMonitor();
startRealtime();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {wall ? <WallApp params={wall} /> : <App />}
    </QueryClientProvider>
  </StrictMode>,
);
