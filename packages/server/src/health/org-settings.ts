import type { HealthOrgSettings, HealthOrgSettingsUpdate } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import type { Db } from '../db/index.js';
import { invalid } from '../lib/errors.js';
import { destinationProblem, validateTarget } from '../notify/index.js';
import { safeZone } from './metrics/index.js';
import { findOrgSettingsRow, type OrgSettingsValues, upsertOrgSettings } from './settings-repository.js';
import { isSlack } from './settings.js';

/** The organisation's review: UTC weeks, Tuesday 09:00 like a team's, and nobody to send it to until an admin says. */
const DEFAULTS: OrgSettingsValues = {
  time_zone: 'UTC',
  report_weekday: 2,
  report_time: '09:00',
  report_enabled: true,
  report_emails: [],
  report_webhook_url: null,
  report_webhook_secret: null,
};

export async function orgSettingsValues(db: Db): Promise<OrgSettingsValues> {
  return (await findOrgSettingsRow(db)) ?? { ...DEFAULTS };
}

/** The zone the organisation's weeks are counted in. */
export const orgZone = async (db: Db): Promise<string> => safeZone((await orgSettingsValues(db)).time_zone);

const view = (v: OrgSettingsValues): HealthOrgSettings => ({
  timeZone: v.time_zone,
  reportWeekday: v.report_weekday,
  reportTime: v.report_time,
  reportEnabled: v.report_enabled,
  reportEmails: v.report_emails,
  reportWebhookUrl: v.report_webhook_url,
  reportWebhookSigned: !!v.report_webhook_secret,
});

export async function getOrgHealthSettings(ctx: Ctx): Promise<HealthOrgSettings> {
  requireRole(ctx.actor, 'viewer');
  return view(await orgSettingsValues(ctx.db));
}

/** Admins only: the organisation's review goes to whoever they name. */
export async function updateOrgHealthSettings(ctx: Ctx, input: HealthOrgSettingsUpdate): Promise<HealthOrgSettings> {
  requireRole(ctx.actor, 'admin');
  const before = await orgSettingsValues(ctx.db);
  if (input.reportWebhookUrl) {
    const problem = validateTarget('webhook', input.reportWebhookUrl) ?? (await destinationProblem(ctx.settings.outbound, 'webhook', input.reportWebhookUrl))?.message;
    if (problem) throw invalid([{ field: 'reportWebhookUrl', message: problem }]);
  }
  const after: OrgSettingsValues = {
    time_zone: input.timeZone ?? before.time_zone,
    report_weekday: input.reportWeekday ?? before.report_weekday,
    report_time: input.reportTime ?? before.report_time,
    report_enabled: input.reportEnabled ?? before.report_enabled,
    report_emails: input.reportEmails ?? before.report_emails,
    report_webhook_url: input.reportWebhookUrl === undefined ? before.report_webhook_url : input.reportWebhookUrl,
    report_webhook_secret: input.reportWebhookSecret === undefined ? before.report_webhook_secret : input.reportWebhookSecret,
  };
  if (after.report_webhook_url && !isSlack(after.report_webhook_url) && !after.report_webhook_secret) {
    throw invalid([{ field: 'reportWebhookSecret', message: 'A webhook other than Slack needs a signing secret (16 characters or more)' }]);
  }
  await upsertOrgSettings(ctx.db, after, ctx.clock.now());
  const result = view(after);
  await recordAudit(ctx, { action: 'health_org_settings.update', entityType: 'organisation', entityId: null, before: view(before), after: result });
  return result;
}
