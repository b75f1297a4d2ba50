export { DEFAULT_MOVER_WINDOW, MOVER_WINDOW_CHOICES, refreshMovers } from './movers-queries.js';
export { MoversView } from './movers-view.js';
export { type Movers, useMovers } from './use-movers.js';
