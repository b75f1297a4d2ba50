export { StoryChart } from './story-chart.js';
export { WallChart } from './wall-chart.js';
