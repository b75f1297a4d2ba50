export { StoryPanel } from './story-panel.js';
export { applyReactionsToStories, refreshStories, seedStory } from './story-reactions.js';
