import { migratedTemplate, pgliteFromDump } from './dist/db/index.js';
const db = await pgliteFromDump(await migratedTemplate());
const t0 = performance.now();
const svc = (await db.query(`insert into teams (name) values ('t') returning id`)).rows[0].id;
const s = (await db.query(`insert into services (name, team_id) values ('s', $1) returning id`, [svc])).rows[0].id;
await db.query(`insert into alerts (service_id, dedup_key, status, urgency, summary, created_at, last_seen_at, details) select $1, 'k' || g, case when g % 50 = 0 then 'triggered' else 'resolved' end, 'high', 'summary ' || g, now() - make_interval(secs => g), now(), jsonb_build_object('labels', jsonb_build_object('a', g)) from generate_series(1, 100000) g`, [s]);
await db.query(`insert into alert_log (alert_id, at, event, actor) select id, created_at, e, 'x' from alerts, unnest(array['triggered','acknowledged','resolved']) e`);
console.log('load ms', (performance.now() - t0).toFixed(0));
for (const stmt of ['analyze', 'vacuum', 'vacuum (analyze)', 'analyze alerts', 'vacuum alerts']) {
  const t = performance.now(); await db.exec(stmt); console.log(stmt, (performance.now() - t).toFixed(0), 'ms');
}
await db.query(`update alerts set status = 'resolved' where status = 'triggered'`);
let t = performance.now(); await db.exec('vacuum (analyze) alerts'); console.log('vacuum analyze alerts after 2k updates', (performance.now() - t).toFixed(0), 'ms');
const r = await db.query(`select c.relname, c.relpages, pg_relation_size(c.oid) / 8192 as pages, c.reltuples, age(c.relfrozenxid) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by pages desc limit 5`);
console.log(r.rows);
t = performance.now(); await db.query(`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r','m') and pg_relation_size(c.oid) > 0`); console.log('list ms', (performance.now() - t).toFixed(1));
