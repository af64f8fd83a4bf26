// `npm run bench`: every benchmark in turn; each writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['foundation', 'ingest', 'schedules', 'health', 'vs-alertmanager', 'ceiling', 'statuspage', 'vs-uptime-kuma', 'replay']) {
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
