import type { Db } from '../db/index.js';

export async function findTeamSettingsRow(db: Db, teamId: string) {
  return db.selectFrom('health_team_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
}

export async function upsertTeamSettings(
  db: Db,
  teamId: string,
  values: {
    time_zone: string;
    ack_primary_minutes: number;
    ack_secondary_minutes: number;
    report_weekday: number;
    report_time: string;
    report_enabled: boolean;
    report_emails: string[];
    report_webhook_url: string | null;
    report_webhook_secret: string | null;
  },
  now: Date,
) {
  const row = { team_id: teamId, ...values, updated_at: now };
  await db
    .insertInto('health_team_settings')
    .values(row)
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  return !!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst());
}
