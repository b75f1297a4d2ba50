export { FeedList } from './feed-list.js';
export { applyReactionsToFeeds, refreshFeeds } from './feed-reactions.js';
export { type Feed, useFeed } from './use-feed.js';
export { useFeedLive } from './use-feed-live.js';
