export { createApp, OPENAPI_PATH, type App } from './app.js';
export { createMetricsApp } from './metrics.js';
export type { AppDeps, AppEnv } from './types.js';
export { statuspageNodeHandler } from './statuspage-public.js';
