export { createApp, OPENAPI_PATH, type App } from './app.js';
export type { AppDeps, AppEnv } from './types.js';
