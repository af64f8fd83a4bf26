// The health views over a year of history: 50 people in 10 teams, 200 services and
// 500,000 alerts, a third of which paged someone (push + email, every ninth also a
// second level). Seeded straight into the tables the views read (alerts, the health
// facts and the page-event rollup, as the engine's health scan leaves them), then
// the verbs are timed in-process on PGlite and on PostgreSQL. Writes
// bench/results/health.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { quantiles, ROOT, withPostgres } from './lib.js';

const server = await import(pathToFileURL(path.join(ROOT, 'packages/server/dist/index.js')).href);
const { loadConfig, openOperable, FakeClock, health } = server;

const ALERTS = Number(process.env.BENCH_HEALTH_ALERTS ?? 500_000);
const END = new Date('2026-12-01T10:00:00Z'); // a Tuesday morning
const START = new Date(END.getTime() - 365 * 86_400_000);
const RUNS = 15;

async function seed(db) {
  const t0 = performance.now();
  await sql`insert into users (name, email, time_zone, working_hours, role)
    select 'Person ' || i, 'p' || i || '@bench.local', (array['UTC','Europe/Berlin','America/New_York','Asia/Kolkata','Australia/Sydney'])[1 + i % 5],
           '{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}', 'responder'
      from generate_series(0, 49) i`.execute(db);
  await sql`insert into teams (name) select 'Team ' || i from generate_series(0, 9) i`.execute(db);
  await sql`insert into health_team_settings (team_id, time_zone) select id, 'Europe/Berlin' from teams where name like 'Team %'`.execute(db);
  await sql`insert into team_members (team_id, user_id)
    select t.id, u.id from users u join teams t on t.name = 'Team ' || (substring(u.email from 2 for position('@' in u.email) - 2)::int % 10)
     where u.email like '%@bench.local'`.execute(db);
  await sql`insert into services (name, team_id)
    select 'service-' || j, (select id from teams where name = 'Team ' || (j % 10)) from generate_series(0, 199) j`.execute(db);
  // j is the number in the name (ordering by name would depend on the collation, and differ between the databases).
  await sql`create temp table bench_services as select substring(name from 9)::int as j, id, team_id from services where name like 'service-%'`.execute(db);
  await sql`insert into alerts (service_id, dedup_key, status, urgency, summary, created_at, last_seen_at, acknowledged_at, resolved_at)
    select s.id, 'key-' || (i % 37), 'resolved', 'high', 'alert ' || i,
           ${START}::timestamptz + (i * (365 * 86400.0 / ${ALERTS})) * interval '1 second',
           ${START}::timestamptz + (i * (365 * 86400.0 / ${ALERTS})) * interval '1 second',
           ${START}::timestamptz + (i * (365 * 86400.0 / ${ALERTS}) + 30 + (i * 7919) % 1800) * interval '1 second',
           ${START}::timestamptz + (i * (365 * 86400.0 / ${ALERTS}) + 600 + (i * 104729) % 14400) * interval '1 second'
      from generate_series(0::bigint, ${ALERTS - 1}::bigint) i join bench_services s on s.j = i % 200`.execute(db);
  const alertsMs = performance.now() - t0;
  // A third of the alerts paged one member of the owning team by push and email; every ninth also a second member (level 2).
  await sql`create temp table bench_members as
    select m.team_id, m.user_id, row_number() over (partition by m.team_id order by m.user_id) - 1 as k from team_members m join teams t on t.id = m.team_id where t.name like 'Team %'`.execute(db);
  await sql`insert into health_notifications (outbox_id, alert_id, user_id, service_id, team_id, alert_key, channel, at, level)
    select gen_random_uuid(), a.id, m.user_id, a.service_id, s.team_id, a.dedup_key, c.channel, a.created_at + interval '5 seconds', 1
      from alerts a join services s on s.id = a.service_id
      join bench_members m on m.team_id = s.team_id and m.k = a.number % 5
      cross join (values ('ntfy'), ('email')) c(channel)
     where a.number % 3 = 0`.execute(db);
  await sql`insert into health_notifications (outbox_id, alert_id, user_id, service_id, team_id, alert_key, channel, at, level)
    select gen_random_uuid(), a.id, m.user_id, a.service_id, s.team_id, a.dedup_key, 'sms', a.created_at + interval '10 minutes', 2
      from alerts a join services s on s.id = a.service_id
      join bench_members m on m.team_id = s.team_id and m.k = (a.number + 1) % 5
     where a.number % 9 = 0`.execute(db);
  await sql`insert into health_page_events (alert_id, team_id, service_id, dedup_key, first_page_at)
    select h.alert_id, h.team_id, h.service_id, h.alert_key, min(h.at)
      from health_notifications h
     where h.channel <> 'email' group by h.alert_id, h.team_id, h.service_id, h.alert_key`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql`select (select count(*) from alerts)::int as alerts, (select count(*) from health_notifications)::int as notifications, (select count(*) from health_page_events)::int as page_events`.execute(db);
  return { ...counts.rows[0], seedSeconds: Math.round((performance.now() - t0) / 100) / 10, alertsSeconds: Math.round(alertsMs / 100) / 10 };
}

async function time(fn) {
  await fn();
  await fn();
  const samples = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    samples.push(performance.now() - t);
  }
  return { ...quantiles(samples), last };
}

async function measure(env) {
  const clock = new FakeClock(END);
  const op = await openOperable(loadConfig({ OPERABLE_LOG_LEVEL: 'warn', ...env }), { clock });
  try {
    const db = op.deps.database.db;
    const seeded = await seed(db);
    const team = (await sql`select id from teams where name = 'Team 3'`.execute(db)).rows[0].id;
    const person = (await sql`select user_id from team_members where team_id = ${team} limit 1`.execute(db)).rows[0].user_id;
    const ctx = () => op.systemCtx(db);
    const twelveWeeksAgo = new Date(END.getTime() - 12 * 7 * 86_400_000).toISOString();
    const view = (scope, query = {}) => () => health.getHealth(ctx(), scope, query);
    const teamWeek = await time(view({ kind: 'team', id: team }));
    const teamTwelve = await time(view({ kind: 'team', id: team }, { from: twelveWeeksAgo }));
    const personWeek = await time(view({ kind: 'person', id: person }));
    const orgWeek = await time(view({ kind: 'org', id: null }));
    const summary = (t) => ({ p50ms: t.p50ms, p99ms: t.p99ms, maxMs: t.maxMs, runs: t.count, pageEvents: t.last.pageEvents, weeksCharted: t.last.pagerLoad.length });
    return {
      seeded,
      teamView_thisWeek_with12WeekChart: summary(teamWeek),
      teamView_12WeekRange: summary(teamTwelve),
      personView_thisWeek: summary(personWeek),
      orgView_thisWeek: summary(orgWeek),
    };
  } finally {
    await op.close();
  }
}

const results = { machine: { cores: (await import('node:os')).cpus().length, node: process.version }, alerts: ALERTS, how: '' };
const which = process.env.BENCH_HEALTH_DB ?? 'both';
if (which !== 'postgres') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'operable-health-bench-'));
  try {
    console.error('PGlite…');
    results.pglite = await measure({ OPERABLE_DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (which !== 'pglite') {
  console.error('PostgreSQL…');
  results.postgres = await withPostgres((url) => measure({ DATABASE_URL: url }));
}
results.how =
  'Each view reads index ranges only: health_notifications (team_id|user_id|service_id, at) for the period, the health_page_events rollup (team_id, first_page_at) for the 12-week chart, alerts by primary key for MTTA/MTTR. The rollup is kept by the engine health scan, one copy per delivered notification.';
if (!process.env.BENCH_HEALTH_ALERTS) writeFileSync(path.join(ROOT, 'bench/results/health.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
