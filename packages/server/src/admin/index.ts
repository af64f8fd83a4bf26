export { listLogLevels, setLogLevel, refreshLogLevels, type LogLevelEntry } from './log-levels.js';
