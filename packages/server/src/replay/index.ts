export { parseHistory, parseLine, within, type History, type ReplayEvent, type LineError } from './history.js';
export { openScratch, copyConfiguration, type Scratch } from './scratch.js';
export { runReplay, type RunOptions, type RunResult } from './run.js';
export { exportHistory } from './export.js';
