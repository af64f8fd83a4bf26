export * from './slo/index.js';
