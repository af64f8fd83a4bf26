// The status page state both status page benchmarks measure (statuspage.js and
// vs-uptime-kuma.js): 50 groups of 10 components, a row for every component and day of
// the last 90, 60 past incidents, two open ones and a maintenance ahead.
import pg from 'pg';

export const GROUPS = 50;
export const PER_GROUP = 10;
export const DAYS = 90;

/** Writes the state straight into the database Operable serves (it notices within a second). */
export async function seed(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const now = new Date();
    await db.query('begin');
    const groups = await db.query(
      `insert into statuspage_components (name, is_group, position, status_since, created_at, updated_at)
       select 'Region ' || g, true, g, $1, $1, $1 from generate_series(1, $2) g returning id, position`,
      [now, GROUPS],
    );
    for (const g of groups.rows) {
      await db.query(
        `insert into statuspage_components (name, description, group_id, position, status_since, created_at, updated_at, start_date)
         select 'Service ' || $2 || '.' || i, 'Component ' || i || ' of region ' || $2, $1, i, $3::timestamptz, $3::timestamptz - interval '200 days', $3::timestamptz, (current_date - 200)
         from generate_series(1, $4) i`,
        [g.id, g.position, now, PER_GROUP],
      );
    }
    // A row for every component and day (the worst case for the bars), one outage in twenty days.
    await db.query(
      `insert into statuspage_component_days (component_id, day, degraded_seconds, partial_seconds, major_seconds)
       select c.id, current_date - d,
              case when random() < 0.05 then (random() * 3600)::int else 0 end,
              case when random() < 0.03 then (random() * 1800)::int else 0 end,
              case when random() < 0.01 then (random() * 600)::int else 0 end
       from statuspage_components c, generate_series(0, $1 - 1) d where not c.is_group`,
      [DAYS],
    );
    // 60 past incidents with three updates each, two open ones, one maintenance ahead.
    const some = (await db.query(`select id from statuspage_components where not is_group order by random() limit 60`)).rows.map((r) => r.id);
    for (let i = 0; i < 62; i++) {
      const open = i >= 60;
      const at = new Date(now.getTime() - (open ? 30 : (i + 1) * 36) * 3_600_000);
      const { rows } = await db.query(
        `insert into statuspage_incidents (kind, name, status, impact, component_ids, started_at, resolved_at, created_at, updated_at, next_update_at)
         values ('incident', $1, $2, 'minor', $3, $4, $5, $4, $4, $6) returning id`,
        [`Incident ${i}`, open ? 'identified' : 'resolved', [some[i % 60]], at, open ? null : new Date(at.getTime() + 3_600_000), open ? new Date(now.getTime() + 1_800_000) : null],
      );
      for (const [k, status] of (open ? ['investigating', 'identified'] : ['investigating', 'identified', 'resolved']).entries()) {
        await db.query(
          `insert into statuspage_incident_updates (incident_id, status, body, affected_components, display_at, created_at, updated_at)
           values ($1, $2, $3, '[]', $4, $4, $4)`,
          [rows[0].id, status, `Update ${k} of incident ${i}: we ${status === 'resolved' ? 'fixed' : 'are looking at'} elevated error rates on this component.`, new Date(at.getTime() + k * 1_200_000)],
        );
      }
    }
    await db.query(
      `insert into statuspage_incidents (kind, name, status, impact, component_ids, started_at, scheduled_for, scheduled_until, created_at, updated_at)
       values ('maintenance', 'Database upgrade', 'scheduled', 'maintenance', $1, $2, $3, $4, $2, $2)`,
      [some.slice(0, 5), now, new Date(now.getTime() + 86_400_000), new Date(now.getTime() + 90_000_000)],
    );
    await db.query('update statuspage_settings set version = version + 1, name = $1, updated_at = $2', ['Bench Cloud', now]);
    await db.query('commit');
  } finally {
    await db.end();
  }
}
