/** SLOs: objectives per service, error budgets, burn-rate alerts into the alert pipeline. */
export * from './burn.js';
