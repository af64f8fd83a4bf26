// Run by `npm run build` after the server is compiled: writes the migrated embedded
// database template beside dist/, so a replay's scratch database needs no initdb.
import { writeMigratedTemplate } from '../dist/db/index.js';

const file = await writeMigratedTemplate();
console.log(`migrated database template: ${file}`);
