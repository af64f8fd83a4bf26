import type { HealthTeamSettings, HealthTeamSettingsUpdate } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { destinationProblem, validateTarget } from '../notify/index.js';
import { findTeamSettingsRow, teamExists, upsertTeamSettings } from './settings-repository.js';

/** Defaults: UTC weeks, primary 5 / secondary 30 minute ack targets, the review on Tuesday 09:00 before the changeover. */
const DEFAULTS = {
  time_zone: 'UTC',
  ack_primary_minutes: 5,
  ack_secondary_minutes: 30,
  report_weekday: 2,
  report_time: '09:00',
  report_enabled: true,
  report_emails: [] as string[],
  report_webhook_url: null as string | null,
  report_webhook_secret: null as string | null,
};
type SettingsValues = typeof DEFAULTS;

async function current(ctx: Ctx, teamId: string): Promise<SettingsValues> {
  if (!(await teamExists(ctx.db, teamId))) throw notFound('Team', teamId);
  const row = await findTeamSettingsRow(ctx.db, teamId);
  if (!row) return { ...DEFAULTS };
  const { team_id: _t, updated_at: _u, ...values } = row;
  return values;
}

const view = (teamId: string, v: SettingsValues): HealthTeamSettings => ({
  teamId,
  timeZone: v.time_zone,
  ackPrimaryMinutes: v.ack_primary_minutes,
  ackSecondaryMinutes: v.ack_secondary_minutes,
  reportWeekday: v.report_weekday,
  reportTime: v.report_time,
  reportEnabled: v.report_enabled,
  reportEmails: v.report_emails,
  reportWebhookUrl: v.report_webhook_url,
  reportWebhookSigned: !!v.report_webhook_secret,
});

export async function getTeamHealthSettings(ctx: Ctx, teamId: string): Promise<HealthTeamSettings> {
  requireRole(ctx.actor, 'viewer');
  return view(teamId, await current(ctx, teamId));
}

export async function updateTeamHealthSettings(ctx: Ctx, teamId: string, input: HealthTeamSettingsUpdate): Promise<HealthTeamSettings> {
  requireTeamEditor(ctx.actor, teamId);
  const before = await current(ctx, teamId);
  if (input.reportWebhookUrl) {
    // Checked on save as every webhook is, so a typo or an internal address shows now, not on Tuesday.
    const problem = validateTarget('webhook', input.reportWebhookUrl) ?? (await destinationProblem(ctx.settings.outbound, 'webhook', input.reportWebhookUrl))?.message;
    if (problem) throw invalid([{ field: 'reportWebhookUrl', message: problem }]);
  }
  const after: SettingsValues = {
    time_zone: input.timeZone ?? before.time_zone,
    ack_primary_minutes: input.ackPrimaryMinutes ?? before.ack_primary_minutes,
    ack_secondary_minutes: input.ackSecondaryMinutes ?? before.ack_secondary_minutes,
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
  await upsertTeamSettings(ctx.db, teamId, after, ctx.clock.now());
  const result = view(teamId, after);
  await recordAudit(ctx, { action: 'health_settings.update', entityType: 'team', entityId: teamId, before: view(teamId, before), after: result });
  return result;
}

/** Slack incoming webhooks get Slack's own message format; anything else the signed generic webhook. */
export const isSlack = (url: string): boolean => {
  try {
    return new URL(url).hostname === 'hooks.slack.com';
  } catch {
    return false;
  }
};
