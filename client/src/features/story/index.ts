export { StoryPanel } from './story-panel.js';
