import type { CreateIntegration, Integration } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { IntegrationRow } from '../db/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../lib/errors.js';
import { roleAtLeast } from '@operable/shared';
import { deleteIntegrationRow, findIntegrationById, insertIntegration, listServiceIntegrations, serviceTeam } from './repository.js';

/** Where each kind of sender posts, relative to the public URL. */
export function integrationPath(kind: IntegrationRow['kind'], key: string): string {
  switch (kind) {
    case 'pagerduty':
      return '/v2/enqueue';
    case 'opsgenie':
      return '/v2/alerts';
    default:
      return `/ingest/${kind}/${key}`;
  }
}

/** 32 hex characters, like a PagerDuty integration key, so senders' own validation passes. */
const newKey = () => randomBytes(16).toString('hex');

export async function listIntegrations(ctx: Ctx, serviceId: string): Promise<Integration[]> {
  requireRole(ctx.actor, 'viewer');
  const teamId = await serviceTeam(ctx.db, serviceId);
  if (!teamId) throw notFound('Service', serviceId);
  const canSee = canEdit(ctx, teamId);
  return (await listServiceIntegrations(ctx.db, serviceId)).map((r) => toIntegration(ctx, r, canSee));
}

export async function createIntegration(ctx: Ctx, serviceId: string, input: z.output<typeof CreateIntegration>): Promise<Integration> {
  const teamId = await serviceTeam(ctx.db, serviceId);
  if (!teamId) throw invalid([{ field: 'path.id', message: 'No such service' }]);
  requireTeamEditor(ctx.actor, teamId);
  const id = await insertIntegration(ctx.db, {
    service_id: serviceId,
    name: input.name,
    kind: input.kind,
    key: newKey(),
    rate_limit_per_minute: input.rateLimitPerMinute,
    heartbeat_interval_minutes: input.heartbeatIntervalMinutes ?? null,
    now: ctx.clock.now(),
  });
  const created = toIntegration(ctx, (await findIntegrationById(ctx.db, id))!, true);
  await recordAudit(ctx, { action: 'integration.create', entityType: 'integration', entityId: id, after: { ...created, key: undefined, url: undefined } });
  return created;
}

export async function deleteIntegration(ctx: Ctx, id: string): Promise<void> {
  const row = await findIntegrationById(ctx.db, id);
  if (!row) throw notFound('Integration', id);
  requireTeamEditor(ctx.actor, (await serviceTeam(ctx.db, row.service_id))!);
  await deleteIntegrationRow(ctx.db, id);
  await recordAudit(ctx, { action: 'integration.delete', entityType: 'integration', entityId: id, before: { name: row.name, kind: row.kind, serviceId: row.service_id } });
}

function canEdit(ctx: Ctx, teamId: string): boolean {
  return ctx.actor.role === 'admin' || (roleAtLeast(ctx.actor.role, 'responder') && ctx.actor.teamIds.includes(teamId));
}

/** Keys are credentials: shown only to people who could change the service anyway. */
function toIntegration(ctx: Ctx, row: IntegrationRow, showSecrets: boolean): Integration {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    kind: row.kind,
    key: showSecrets ? row.key : null,
    url: showSecrets ? `${ctx.settings.publicUrl}${integrationPath(row.kind, row.key)}` : null,
    rateLimitPerMinute: row.rate_limit_per_minute,
    heartbeatIntervalMinutes: row.heartbeat_interval_minutes,
    heartbeatLastAt: row.heartbeat_last_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
