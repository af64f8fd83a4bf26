import { randomBytes } from 'node:crypto';
import type { IncidentDetail } from '@operable/shared';
import { OUTBOUND_TIMEOUT_MS, postOutbound } from '../notify/index.js';
import type { Ctx } from '../lib/context.js';
import { conflict, DomainError } from '../lib/errors.js';
import { ErrorCode } from '@operable/shared';
import { incidentLabel, loadForChange, recordChange, who } from './access.js';
import type { InTransaction } from './actions.js';
import { getIncident } from './read.js';
import { updateIncidentRow } from './repository.js';

/**
 * A Slack channel per incident through the Slack Web API (conversations.create, then
 * chat.postMessage with the incident's link), when an admin configured a bot token.
 * The API is admin-configured, so like Twilio it is not held to the outbound policy
 * for user-given URLs. Without a token the answer says so instead of pretending.
 */

export const NO_SLACK_TOKEN = 'Slack channels need a Slack bot token: an admin sets OPERABLE_SLACK_BOT_TOKEN on the server';

/** Slack's rules: lowercase, no spaces or periods, at most 80 characters. */
export function slackChannelName(number: number, title: string, drill: boolean): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${drill ? 'drill-' : ''}inc-${number}${slug ? `-${slug}` : ''}`.slice(0, 80).replace(/-$/, '');
}

/**
 * `sayWhenUnconfigured` (declaring with a channel asked for): without a token the
 * incident is declared anyway and its timeline says why there is no channel; asked
 * for on its own, the answer is a 409 saying so.
 */
export async function createSlackChannel(run: InTransaction, ref: string, options: { sayWhenUnconfigured?: boolean } = {}): Promise<IncidentDetail> {
  const ready = await run(async (ctx) => {
    const incident = await loadForChange(ctx, ref);
    if (!ctx.settings.slack && options.sayWhenUnconfigured) {
      await recordChange(ctx, incident, { kind: 'slack_channel', text: `No Slack channel was created: ${NO_SLACK_TOKEN}`, data: { error: 'not_configured' } }, { action: 'incident.slack_channel_failed', after: { error: 'not_configured' } });
      return null;
    }
    if (!ctx.settings.slack) throw new DomainError(ErrorCode.Conflict, NO_SLACK_TOKEN, { fields: [{ field: 'createSlackChannel', message: NO_SLACK_TOKEN }] });
    if (incident.slack_channel_id) throw conflict(`The incident already has the Slack channel #${incident.slack_channel_name}`);
    return { incident, slack: ctx.settings.slack, now: ctx.clock.now(), publicUrl: ctx.settings.publicUrl };
  });
  if (!ready) return run((ctx) => getIncident(ctx, ref));
  const { incident, slack, now, publicUrl } = ready;
  const call = (method: string, body: unknown) =>
    postOutbound({ url: `${slack.apiUrl}/${method}`, timeoutMs: OUTBOUND_TIMEOUT_MS, guard: null, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${slack.botToken}` } }, now);

  let name = slackChannelName(Number(incident.number), incident.title, incident.drill);
  let created = await slackCall(call, 'conversations.create', { name, is_private: false });
  if (!created.ok && created.error === 'name_taken') {
    name = `${name.slice(0, 75)}-${randomBytes(2).toString('hex')}`;
    created = await slackCall(call, 'conversations.create', { name, is_private: false });
  }
  const channel = created.ok ? (created.body.channel as { id?: string; name?: string } | undefined) : undefined;
  if (channel?.id) {
    await slackCall(call, 'chat.postMessage', {
      channel: channel.id,
      text: `${incidentLabel(incident)}: ${incident.title}\n${publicUrl}/incidents/${incident.number}`,
    });
  }
  return run(async (ctx) => {
    const fresh = await loadForChange(ctx, ref);
    if (channel?.id) {
      await updateIncidentRow(ctx.db, fresh.id, { slack_channel_id: channel.id, slack_channel_name: channel.name ?? name, updated_at: ctx.clock.now() });
      await recordChange(ctx, fresh, { kind: 'slack_channel', text: `${who(ctx)} opened the Slack channel #${channel.name ?? name}`, data: { channelId: channel.id, name: channel.name ?? name } }, { action: 'incident.slack_channel', after: { channelId: channel.id } });
    } else {
      const error = created.ok ? 'Slack answered without a channel' : created.error;
      await recordChange(ctx, fresh, { kind: 'slack_channel', text: `Creating a Slack channel failed: ${error}`, data: { error } }, { action: 'incident.slack_channel_failed', after: { error } });
      ctx.log.event('INCIDENT_SLACK_FAILED', { incidentId: fresh.id, error });
    }
    return getIncident(ctx, fresh.id);
  });
}

type Call = (method: string, body: unknown) => ReturnType<typeof postOutbound>;

/** Slack answers 200 with `{ok:false,error}` for refusals; the error codes are Slack's own words, safe to show. */
async function slackCall(call: Call, method: string, body: unknown): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; error: string }> {
  const r = await call(method, body);
  if (!r.ok) return { ok: false, error: r.failure.error };
  try {
    const parsed = JSON.parse(r.body) as Record<string, unknown>;
    return parsed.ok === true ? { ok: true, body: parsed } : { ok: false, error: typeof parsed.error === 'string' ? parsed.error.slice(0, 100) : 'unknown Slack error' };
  } catch {
    return { ok: false, error: 'Slack answered something other than JSON' };
  }
}
