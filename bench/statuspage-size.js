// Bytes of the public status page for the benchmarks' seed (500 components, 90 days):
// one server, one seed, one request each way. No load, so it can run beside a benchmark.
//   node bench/statuspage-size.js [file]   writes the plain page to `file` when given
import { writeFileSync } from 'node:fs';
import { get, sleep, startServer, withPostgres } from './lib.js';
import { GROUPS, PER_GROUP, seed } from './statuspage-seed.js';

const out = await withPostgres(async (databaseUrl) => {
  const s = await startServer({ DATABASE_URL: databaseUrl });
  try {
    await seed(databaseUrl);
    // The server notices the seeded state by its once-a-second version check.
    for (;;) {
      const summary = await (await fetch(`${s.url}/api/v2/summary.json`)).json();
      if (summary.components.length === GROUPS * (PER_GROUP + 1)) break;
      await sleep(100);
    }
    const html = await (await fetch(`${s.url}/status`)).text();
    if (process.argv[2]) writeFileSync(process.argv[2], html);
    const gzip = await get(`${s.url}/status`, { 'accept-encoding': 'gzip' });
    return { components: GROUPS * PER_GROUP, days: 90, bytes: Buffer.byteLength(html), gzipBytes: gzip.bytes };
  } finally {
    await s.stop();
  }
});
if (!out) process.exit(1);
console.log(JSON.stringify(out));
