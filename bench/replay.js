// Replay at scale: 12 weeks of 100,000 events for 6 people and 20 services, on the
// embedded database, through `operable replay` as a user runs it. Measures wall
// time and the peak resident memory of the replaying process; writes
// bench/results/replay.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, rssMb } from './lib.js';

const dist = (p) => import(pathToFileURL(path.join(ROOT, 'packages/server/dist', p)).href);
const { loadConfig, openOperable, inTransaction, auth, catalog } = await dist('index.js');
const { createSchedule } = await dist('schedules/index.js');
const { createEscalationPolicy } = await dist('escalation/index.js');

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 100_000);
const WEEKS = 12;
const MIN = 60_000;
const START = Date.parse('2026-01-05T00:00:00Z');
// REPLAY_SETUP_ONLY=DIR: build the organization and history in DIR and stop (for profiling).
const dir = process.env.REPLAY_SETUP_ONLY ?? mkdtempSync(path.join(tmpdir(), 'operable-bench-replay-'));
const env = { OPERABLE_DATA_DIR: path.join(dir, 'data'), OPERABLE_PUBLIC_URL: 'https://ops.example.com', OPERABLE_LOG_LEVEL: 'warn' };

// A deterministic random source, so every run replays the same history.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function setUp() {
  const operable = await openOperable(loadConfig(env), { logDestination: { write() {} } });
  const db = operable.deps.database.db;
  const services = await inTransaction(db, async (trx) => {
    const ctx = operable.systemCtx(trx);
    const now = new Date(START - 7 * 24 * 60 * MIN);
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'America/Los_Angeles', 'Australia/Sydney'];
    const people = [];
    for (let i = 0; i < 6; i++) {
      const u = await auth.createUser(ctx, { name: `Person ${i + 1}`, email: `person${i + 1}@example.com`, role: 'responder', timeZone: zones[i], workingHours: null });
      for (const [type, address, delay] of [['ntfy', `operable-person-${i + 1}`, 0], ['sms', `+1555555010${i}`, 5], ['email', `person${i + 1}@example.com`, 0]]) {
        const { id } = await trx.insertInto('contact_methods').values({ user_id: u.id, type, address, label: type, secret: null, verified_at: now, created_at: now }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('notification_rules').values({ user_id: u.id, contact_method_id: id, delay_minutes: delay, urgency: 'any', created_at: now }).execute();
      }
      people.push(u);
    }
    const out = [];
    for (let t = 0; t < 2; t++) {
      const members = people.slice(t * 3, t * 3 + 3).map((p) => p.id);
      const team = await catalog.createTeam(ctx, { name: `Team ${t + 1}`, description: '', memberIds: members });
      const layer = (role, ids) => ({ role, participantIds: ids, shiftUnit: 'week', shiftLength: 1, handoffWeekday: 2, handoffTime: '10:00', startDate: '2025-12-01', restriction: null });
      const schedule = await createSchedule(ctx, { name: `Team ${t + 1} on call`, description: '', teamId: team.id, timeZone: zones[t * 3], primaryAckMinutes: 5, secondaryAckMinutes: 30, layers: [layer('primary', members), layer('secondary', [...members.slice(1), members[0]])] });
      const policy = await createEscalationPolicy(ctx, {
        name: `Team ${t + 1} policy`,
        description: '',
        teamId: team.id,
        repeatCount: 1,
        steps: [
          { delayMinutes: 15, requireAllAck: false, targets: [{ type: 'schedule_primary', scheduleId: schedule.id }] },
          { delayMinutes: 15, requireAllAck: false, targets: [{ type: 'schedule_secondary', scheduleId: schedule.id }] },
        ],
      });
      for (let s = 0; s < 10; s++) {
        const svc = await catalog.createService(ctx, { name: `svc-${t + 1}-${s + 1}`, description: '', teamId: team.id, tags: [], escalationPolicyId: policy.id, ackTimeoutMinutes: null, stormWindowSeconds: 300 });
        out.push(svc.name);
      }
    }
    return out;
  });
  await operable.close();
  return services;
}

/**
 * Monitoring traffic: problems start at random moments, each fires one to four alerts
 * that are re-sent every 2 minutes while they last (10 min to 4 h), then resolve.
 * 100,000 lines over 12 weeks come to about 7 problems a day across 20 services:
 * a noisy quarter, in the "unhealthy" band for both teams.
 */
function history(services) {
  const lines = [];
  const span = WEEKS * 7 * 24 * 60 * MIN;
  let n = 0;
  while (lines.length < EVENTS) {
    const at = START + Math.floor(random() * span);
    const service = services[Math.floor(random() * services.length)];
    const alerts = 1 + Math.floor(random() * 4);
    const minutes = 10 + Math.floor(random() * 240);
    const severity = random() < 0.7 ? 'critical' : 'warning';
    n++;
    for (let a = 0; a < alerts; a++) {
      const key = `problem-${n}-${a}`;
      const start = at + a * 30_000;
      for (let t = 0; t < minutes && lines.length < EVENTS; t += 2) {
        lines.push({ at: start + t * MIN, l: { service, action: 'trigger', dedupKey: key, summary: `${service} problem ${n} (${a + 1})`, severity } });
      }
      lines.push({ at: start + minutes * MIN, l: { service, action: 'resolve', dedupKey: key } });
    }
  }
  lines.sort((x, y) => x.at - y.at);
  return lines.slice(0, EVENTS).map((x) => JSON.stringify({ at: new Date(x.at).toISOString(), ...x.l })).join('\n');
}

const services = await setUp();
const file = path.join(dir, 'history.jsonl');
writeFileSync(file, history(services));
if (process.env.REPLAY_SETUP_ONLY) process.exit(0);

async function run(args) {
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), path.join(ROOT, 'packages/cli/bin/operable.js'), 'replay', '--history', file, '--format', 'json', '--no-progress', ...args], { env: { ...process.env, ...env } });
  let peak = 0;
  let cpu = 0;
  let out = '';
  let err = '';
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(child.pid));
      // utime + stime in clock ticks (100 a second): CPU time the replay used, whatever else the machine ran.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {}
  }, 100);
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`replay failed (${code}): ${err}`);
  const outcome = JSON.parse(out);
  const people = outcome.current.report.people;
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    cpuSeconds: cpu,
    peakRssMb: peak,
    events: outcome.events,
    alertsOpened: outcome.current.report.alerts.opened,
    alertsPaged: outcome.current.report.alerts.paged,
    interruptions: people.reduce((n, p) => n + p.total, 0),
    sleepInterruptions: people.reduce((n, p) => n + p.interruptions.sleep, 0),
    recoveryDays: people.reduce((n, p) => n + p.recoveryDays, 0),
  };
}

try {
  const assumeAck = await run(['--assume-ack', '5,10,15']);
  console.log('replay, acknowledged after 5/10/15 min:', assumeAck);
  const results = {
    machine: { cores: (await import('node:os')).cpus().length, node: process.version, loadAverageAtEnd: loadavg()[0] },
    history: { events: EVENTS, weeks: WEEKS, people: 6, services: services.length },
    target: { seconds: 60, peakRssMb: 500 },
    assumeAck,
  };
  writeFileSync(path.join(ROOT, 'bench/results/replay.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
