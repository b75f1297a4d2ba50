export * from './ack.js';
export * from './article.js';
export * from './events.js';
export * from './health.js';
export * from './market.js';
export * from './protocol.js';
export * from './symbols.js';
export * from './tick.js';
