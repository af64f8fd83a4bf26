#!/usr/bin/env node
// Plain JS and committed, so the bin link exists right after `npm install`; the CLI itself is built to dist/.
import('../dist/index.js').catch((error) => {
  const notBuilt = error?.code === 'ERR_MODULE_NOT_FOUND' && /Cannot find module '[^']*[\\/]cli[\\/]dist[\\/]index\.js'/.test(error.message);
  console.error(notBuilt ? 'operable: the CLI is not built; run `npm run build` in the repository root.' : error);
  process.exit(1);
});
