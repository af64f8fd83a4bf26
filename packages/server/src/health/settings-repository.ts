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

export type OrgSettingsValues = {
  time_zone: string;
  report_weekday: number;
  report_time: string;
  report_enabled: boolean;
  report_emails: string[];
  report_webhook_url: string | null;
  report_webhook_secret: string | null;
};

export async function findOrgSettingsRow(db: Db): Promise<OrgSettingsValues | undefined> {
  return db
    .selectFrom('health_org_settings')
    .select(['time_zone', 'report_weekday', 'report_time', 'report_enabled', 'report_emails', 'report_webhook_url', 'report_webhook_secret'])
    .executeTakeFirst();
}

export async function upsertOrgSettings(db: Db, values: OrgSettingsValues, now: Date) {
  await db
    .insertInto('health_org_settings')
    .values({ id: true, ...values, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}
