import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SloInput } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/index.js';
import { outboundPolicy, OutboundRefused, parseAllowList, type AllowList } from '../../lib/outbound.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { pipelineWorld } from '../../test-support/pipeline.js';
import { freePort, waitFor } from '../../test-support/wait.js';
import { MINUTE } from './burn.js';
import { evaluateDueSlos } from './evaluate.js';
import { queryInstant } from './prometheus.js';
import { minuteBuckets } from './repository.js';
import { createSlo, getSlo } from './slos.js';

/**
 * Debian's Prometheus (installed by .ci/run) scraping a local target that serves
 * request counters, 99 good and 1 failed per scrape, and Operable reading the two
 * PromQL expressions of an SLO from its HTTP API. Prometheus runs on real time, so
 * the test polls for its data instead of moving the fake clock.
 */
const BINARY = '/usr/bin/prometheus';
const present = existsSync(BINARY);
if (!present && process.env.CI === 'true') throw new Error(`CI=true but ${BINARY} is missing: .ci/run installs Debian's prometheus`);

const GOOD = 'sum(increase(demo_requests_total{code!~"5.."}[1m]))';
const TOTAL = 'sum(increase(demo_requests_total[1m]))';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!present)('a real Prometheus as an SLI source', () => {
  let h: Harness;
  let target: Server;
  let prometheus: ChildProcess | undefined;
  let url = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-prom-'));
  const allowLocal = parseAllowList('127.0.0.1/32') as AllowList;

  beforeAll(async () => {
    h = await createHarness('pglite');
    let scrapes = 0;
    target = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      scrapes++;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        [
          '# HELP demo_requests_total Requests served.',
          '# TYPE demo_requests_total counter',
          `demo_requests_total{code="200"} ${scrapes * 99}`,
          `demo_requests_total{code="500"} ${scrapes}`,
          '',
        ].join('\n'),
      );
    });
    const targetPort = await freePort();
    await new Promise<void>((resolve) => target.listen(targetPort, '127.0.0.1', resolve));
    const config = path.join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s', 'scrape_configs:', '  - job_name: demo', '    static_configs:', `      - targets: ['127.0.0.1:${targetPort}']`, ''].join('\n'),
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    prometheus = spawn(BINARY, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    await waitFor('Prometheus to be ready', async () => (await fetch(`${url}/-/ready`).catch(() => null))?.ok === true);
  });
  afterAll(async () => {
    prometheus?.kill('SIGKILL');
    await new Promise((r) => target?.close(r));
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates the good and total expressions through /api/v1/query: 99 % good', async () => {
    const policy = outboundPolicy(allowLocal);
    await waitFor('two scrapes in the last minute', async () => {
      await sleep(250);
      return ((await queryInstant(policy, url, TOTAL, new Date())) ?? 0) > 0;
    });
    const at = new Date();
    const good = (await queryInstant(policy, url, GOOD, at))!;
    const total = (await queryInstant(policy, url, TOTAL, at))!;
    expect(good / total).toBeCloseTo(0.99, 9);
    // A selector matching nothing is no data, not zero.
    expect(await queryInstant(policy, url, 'sum(increase(no_such_metric_total[1m]))', at)).toBeNull();
    // A malformed expression is Prometheus's own error, not a silent zero.
    await expect(queryInstant(policy, url, 'sum(', at)).rejects.toThrow(/127\.0\.0\.1:\d+: .*parse error/);
  });

  it('refuses an internal Prometheus unless the admin allowed it', async () => {
    await expect(queryInstant(outboundPolicy(), url, TOTAL, new Date())).rejects.toBeInstanceOf(OutboundRefused);
  });

  it('an SLO reading it collects per-minute buckets on the engine and shows 99 % good', async () => {
    h.clock.set(new Date());
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }] });
    const slo = await inTransaction(h.operable.deps.database.db, (db) =>
      createSlo(
        h.operable.systemCtx(db),
        SloInput.parse({ serviceId: w.service.id, name: 'Demo availability', kind: 'availability', objective: 0.9, windowDays: 7, alerting: false, source: { type: 'prometheus', url, good: GOOD, total: TOTAL } }),
      ),
    );
    const db = h.operable.deps.database.db;
    // A minute is collected once it has ended and Prometheus has samples in it: up to a minute of real time.
    await waitFor(
      'a collected minute',
      async () => {
        await sleep(1_000);
        h.clock.set(new Date());
        await evaluateDueSlos({ database: h.operable.deps.database, clock: h.clock, log: h.operable.deps.log, settings: h.operable.deps.settings });
        await db.updateTable('slos').set({ evaluated_at: null }).where('id', '=', slo.id).execute();
        return (await minuteBuckets(db, slo.id, new Date(0), h.clock.now())).length > 0;
      },
      100_000,
    );
    const [bucket] = await minuteBuckets(db, slo.id, new Date(0), h.clock.now());
    expect(bucket!.start % MINUTE).toBe(0);
    expect(bucket!.good / bucket!.total).toBeCloseTo(0.99, 9);
    const view = await inTransaction(db, (trx) => getSlo(h.operable.systemCtx(trx), slo.id));
    expect(view.status.sli).toBeCloseTo(0.99, 9);
    expect(view.status.budgetRemaining).toBeCloseTo(0.9, 6);
  }, 120_000);
});
