export { listLogLevels, setLogLevel, refreshLogLevels, type LogLevelEntry } from './log-levels.js';
export { getSetupCheck, getContactChannels, sendSetupTest, contactChannels, setupItems, type SetupFacts } from './setup.js';
