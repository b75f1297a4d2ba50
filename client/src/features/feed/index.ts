export { FeedList } from './feed-list.js';
export { applyReactionsToFeeds, refreshFeeds } from './feed-reactions.js';
export { type Feed, useFeed } from './use-feed.js';
export { type FeedHold, useFeedHold } from './use-feed-hold.js';
export { type FeedLiveOptions, useFeedLive } from './use-feed-live.js';
