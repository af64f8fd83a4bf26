export { listChecks, getCheck, createCheck, updateCheck, deleteCheck, setCheckPaused, testCheck } from './checks.js';
export { getCheckSeries, getCheckResults } from './read.js';
export { CheckRunner, checkActor, type RunnerOptions, type RunnerEnv } from './runner.js';
export { rollUp as rollUpChecks, RETENTION_MS as CHECK_RETENTION_MS } from './rollups.js';
/** For the status page and SLOs: uptime and latency of checks, rolled up and recent alike. */
export { checkSeries, uptimeBetween, dailyUptime, listResults, checkRuns, serviceOfCheck, type DayUptime, type CheckRun } from './series.js';
export { checkDedupKey, checkHealth } from './repository.js';
export { runProbe, type ProbeSpec, type Prober, type ProbeEnv } from './probes/index.js';
