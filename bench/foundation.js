// Foundation benchmark: start-up time, idle memory and API throughput of the built
// server on the embedded database and on PostgreSQL.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { load, ROOT, rssMb, sleep, startServer, withPostgres } from './lib.js';

const MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;

async function run(kind, env) {
  const s = await startServer(env);
  try {
    await sleep(3000);
    const idleRssMb = rssMb(s.pid);
    const team = await s.api('POST', '/api/teams', { name: 'Bench' });
    for (let i = 0; i < 50; i++) await s.api('POST', '/api/services', { name: `svc-${i}`, teamId: team.id, tags: ['bench'], runbookMarkdown: '# Runbook\n'.repeat(20) });
    const { token } = await s.api('POST', '/api/api-keys', { name: 'bench', role: 'viewer' });
    const headers = { authorization: `Bearer ${token}` };
    const one = (await s.api('GET', '/api/services')).items[0].id;
    const get = (p) => async () => (await (await fetch(`${s.url}${p}`, { headers })).arrayBuffer(), true);
    return {
      kind,
      startupMs: s.startupMs,
      idleRssMb,
      healthz: await load(16, MS, get('/healthz')),
      listServices50: await load(16, MS, get('/api/services')),
      getService: await load(16, MS, get(`/api/services/${one}`)),
      rssAfterLoadMb: rssMb(s.pid),
    };
  } finally {
    await s.stop();
  }
}

const runs = [await run('pglite', {})];
const onPostgres = await withPostgres((url) => run('postgres', { DATABASE_URL: url }));
if (onPostgres) runs.push(onPostgres);
const report = { when: new Date().toISOString(), node: process.version, runs };
writeFileSync(path.join(ROOT, 'bench/results/foundation.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
