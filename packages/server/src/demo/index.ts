export { loadDemo, type DemoSummary, type DemoPart } from './load-demo.js';
export { DEMO_SERVICES, DEMO_TEAMS, DEMO_USERS } from './demo-data.js';
