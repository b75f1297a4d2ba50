export { TickerFilter } from './ticker-filter.js';
export {
  canonicaliseUrlFilter,
  readFilterFromUrl,
  readPrimaryFromUrl,
  type TickerFilter as TickerFilterState,
  useTickerFilter,
} from './url-filter.js';
