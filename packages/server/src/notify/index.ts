export * from './channels/index.js';
export * from './links/index.js';
export * from './rules/index.js';
