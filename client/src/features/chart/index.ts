export { StoryChart } from './story-chart.js';
