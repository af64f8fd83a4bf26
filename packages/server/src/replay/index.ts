export { parseHistory, parseLine, within, type History, type ReplayEvent, type LineError } from './history.js';
export { openScratch, copyConfiguration, readConfiguration, type Scratch, type Configuration } from './scratch.js';
export { runReplay, type RunOptions, type RunResult } from './run.js';
export { exportHistory } from './export.js';
export { replay, replayRequest, type ReplayInput, type ReplayOutcome, type ReplayRun } from './replay.js';
export { replayMarkdown } from './markdown.js';
export { buildReport, type ReplayReport, type PersonReport, type TeamReport } from './report.js';
export { applyVariant, Variant } from './variant.js';
