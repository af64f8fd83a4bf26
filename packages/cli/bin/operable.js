#!/usr/bin/env node
// Committed plain JS so the bin link exists right after `npm install`; the code is in dist/ (`npm run build`).
import('../dist/index.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('/cli/dist/')) {
    console.error('operable: the CLI is not built yet; run `npm run build` in the repository root first.');
  } else {
    console.error(error);
  }
  process.exit(1);
});
