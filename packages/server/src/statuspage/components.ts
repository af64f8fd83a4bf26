import type { CreateStatuspageComponent, StatuspageComponent, UpdateStatuspageComponent } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { toComponent } from './map.js';
import {
  bumpVersion,
  deleteComponentRow,
  findComponents,
  findSources,
  insertComponent,
  readSettings,
  replaceSources,
  updateComponentRow,
} from './repository.js';
import { settleStatuses } from './settle.js';
import { followSources, nameSources, statusSource } from './follow.js';

export async function listStatuspageComponents(ctx: Ctx): Promise<StatuspageComponent[]> {
  requireRole(ctx.actor, 'viewer');
  const [rows, sources] = await Promise.all([findComponents(ctx.db), findSources(ctx.db).then((s) => nameSources(ctx.db, s))]);
  return rows.map((r) => toComponent(r, sources));
}

export async function getStatuspageComponent(ctx: Ctx, id: string): Promise<StatuspageComponent> {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findComponents(ctx.db, [id]);
  if (!row) throw notFound('Component', id);
  return toComponent(row, await nameSources(ctx.db, await findSources(ctx.db, [id])));
}

type Create = z.output<typeof CreateStatuspageComponent>;
type Update = z.output<typeof UpdateStatuspageComponent>;

/** Components and groups are the page's structure: admins shape it. */
export async function createStatuspageComponent(ctx: Ctx, input: Create): Promise<StatuspageComponent> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const isGroup = input.isGroup ?? false;
  await checkShape(ctx, { isGroup, groupId: input.groupId ?? null, sources: input.sources, status: input.status, self: null });
  const id = await insertComponent(ctx.db, {
    name: input.name,
    description: input.description ?? '',
    is_group: isGroup,
    group_id: input.groupId ?? null,
    position: input.position ?? 0,
    showcase: input.showcase ?? true,
    only_show_if_degraded: input.onlyShowIfDegraded ?? false,
    start_date: input.startDate ?? null,
    manual_status: input.status ?? null,
    status_since: now,
    created_at: now,
    updated_at: now,
  });
  if (input.sources) await replaceSources(ctx.db, id, input.sources);
  await resettle(ctx, now);
  const after = await getStatuspageComponent(ctx, id);
  await recordAudit(ctx, { action: 'statuspage.component.create', entityType: 'statuspage_component', entityId: id, after });
  ctx.log.event('STATUSPAGE_CHANGED', { what: 'component', id });
  return after;
}

export async function updateStatuspageComponent(ctx: Ctx, id: string, patch: Update): Promise<StatuspageComponent> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = await getStatuspageComponent(ctx, id);
  await checkShape(ctx, {
    isGroup: before.isGroup,
    groupId: patch.groupId === undefined ? before.groupId : patch.groupId,
    sources: patch.sources,
    status: patch.status ?? undefined,
    self: id,
  });
  await updateComponentRow(ctx.db, id, {
    name: patch.name,
    description: patch.description,
    group_id: patch.groupId,
    position: patch.position,
    showcase: patch.showcase,
    only_show_if_degraded: patch.onlyShowIfDegraded,
    start_date: patch.startDate,
    manual_status: patch.status,
    updated_at: now,
  });
  if (patch.sources) await replaceSources(ctx.db, id, patch.sources);
  await resettle(ctx, now);
  const after = await getStatuspageComponent(ctx, id);
  await recordAudit(ctx, { action: 'statuspage.component.update', entityType: 'statuspage_component', entityId: id, before, after });
  ctx.log.event('STATUSPAGE_CHANGED', { what: 'component', id });
  return after;
}

export async function deleteStatuspageComponent(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = await getStatuspageComponent(ctx, id);
  await deleteComponentRow(ctx.db, id);
  await resettle(ctx, now);
  await recordAudit(ctx, { action: 'statuspage.component.delete', entityType: 'statuspage_component', entityId: id, before });
  ctx.log.event('STATUSPAGE_CHANGED', { what: 'component', id });
}

/** Recomputes what sources say (a new link counts at once), then the shown statuses. */
async function resettle(ctx: Ctx, now: Date) {
  const { time_zone } = await readSettings(ctx.db);
  await followSources(ctx.db);
  await settleStatuses(ctx.db, now, time_zone);
}

async function checkShape(ctx: Ctx, c: { isGroup: boolean; groupId: string | null; sources?: { kind: string; id: string }[]; status?: string; self: string | null }) {
  if (c.groupId) {
    if (c.isGroup) throw invalid([{ field: 'groupId', message: 'A group cannot belong to a group (one level only)' }]);
    const [group] = await findComponents(ctx.db, [c.groupId]);
    if (!group) throw invalid([{ field: 'groupId', message: 'No such group' }]);
    if (!group.is_group) throw invalid([{ field: 'groupId', message: 'Not a group' }]);
  }
  if (c.isGroup && c.sources?.length) throw invalid([{ field: 'sources', message: 'A group shows its members; it follows nothing itself' }]);
  if (c.isGroup && c.status) throw invalid([{ field: 'status', message: 'A group shows the worst status of its members' }]);
  for (const kind of new Set((c.sources ?? []).map((s) => s.kind))) {
    const source = statusSource(kind);
    const i = c.sources!.findIndex((s) => s.kind === kind);
    if (!source) throw invalid([{ field: `sources.${i}.kind`, message: `This server does not follow ${kind}s` }]);
    const found = await source.names(ctx.db, c.sources!.filter((s) => s.kind === kind).map((s) => s.id));
    const missing = c.sources!.findIndex((s) => s.kind === kind && !found.has(s.id));
    if (missing >= 0) throw invalid([{ field: `sources.${missing}.id`, message: `No such ${kind}` }]);
  }
}
