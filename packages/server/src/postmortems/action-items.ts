import { type ActionItem, type ActionItemInput, type ActionItemPatch, type CompleteFollowUp, type Postmortem } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { existingUserIds, userNames } from '../auth/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import {
  completeFollowUpRow,
  deleteActionItemRow,
  findActionItem,
  findActionItems,
  findFollowUps,
  findOpenActionItems,
  insertActionItem,
  updateActionItemRow,
  type ActionItemRow,
} from './items-repository.js';
import { getPostmortem, isOverdue, loadPostmortemRow, requirePostmortemEditor, toActionItem } from './view.js';

/** Action items of a post-mortem, the open ones across post-mortems, and the 30-day follow-up review. */

async function view(ctx: Ctx, row: ActionItemRow): Promise<ActionItem> {
  const names = await userNames(ctx.db, row.owner_id ? [row.owner_id] : []);
  return toActionItem(row, names, ctx.clock.now());
}

async function requireOwner(ctx: Ctx, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  if (!(await existingUserIds(ctx.db, [ownerId])).has(ownerId)) throw invalid([{ field: 'ownerId', message: 'No such user' }]);
}

const doneAt = (status: string, previous: Date | null, now: Date) => (status === 'done' ? (previous ?? now) : null);

export async function createActionItem(ctx: Ctx, postmortemId: string, input: ActionItemInput): Promise<ActionItem> {
  const pm = await loadPostmortemRow(ctx, postmortemId);
  requirePostmortemEditor(ctx.actor, pm);
  await requireOwner(ctx, input.ownerId);
  const now = ctx.clock.now();
  const status = input.status ?? 'open';
  const row = await insertActionItem(ctx.db, {
    postmortem_id: postmortemId,
    title: input.title,
    owner_id: input.ownerId ?? null,
    due_on: input.dueOn ?? null,
    type: input.type,
    priority: input.priority ?? 'medium',
    status,
    tracker_url: input.trackerUrl ?? null,
    tracker_key: input.trackerKey ?? null,
    created_at: now,
    updated_at: now,
    done_at: doneAt(status, null, now),
  });
  const item = await view(ctx, row);
  await recordAudit(ctx, { action: 'postmortem.action_item_create', entityType: 'postmortem_action_item', entityId: row.id, after: item });
  return item;
}

export async function updateActionItem(ctx: Ctx, postmortemId: string, itemId: string, patch: ActionItemPatch): Promise<ActionItem> {
  const pm = await loadPostmortemRow(ctx, postmortemId);
  requirePostmortemEditor(ctx.actor, pm);
  const current = await findActionItem(ctx.db, postmortemId, itemId, true);
  if (!current) throw notFound('Action item', itemId);
  await requireOwner(ctx, patch.ownerId);
  const now = ctx.clock.now();
  const before = await view(ctx, current);
  const status = patch.status ?? current.status;
  const row = await updateActionItemRow(ctx.db, itemId, {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
    ...(patch.dueOn !== undefined ? { due_on: patch.dueOn } : {}),
    ...(patch.type !== undefined ? { type: patch.type } : {}),
    ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
    ...(patch.trackerUrl !== undefined ? { tracker_url: patch.trackerUrl } : {}),
    ...(patch.trackerKey !== undefined ? { tracker_key: patch.trackerKey } : {}),
    status,
    done_at: doneAt(status, current.done_at, now),
    updated_at: now,
  });
  const after = await view(ctx, row);
  await recordAudit(ctx, { action: 'postmortem.action_item_update', entityType: 'postmortem_action_item', entityId: itemId, before, after });
  return after;
}

export async function deleteActionItem(ctx: Ctx, postmortemId: string, itemId: string): Promise<void> {
  const pm = await loadPostmortemRow(ctx, postmortemId);
  requirePostmortemEditor(ctx.actor, pm);
  const current = await findActionItem(ctx.db, postmortemId, itemId, true);
  if (!current) throw notFound('Action item', itemId);
  const before = await view(ctx, current);
  await deleteActionItemRow(ctx.db, itemId);
  await recordAudit(ctx, { action: 'postmortem.action_item_delete', entityType: 'postmortem_action_item', entityId: itemId, before });
}

/** Open items across post-mortems (a team page, someone's own list), optionally only the overdue ones. */
export async function listOpenActionItems(ctx: Ctx, q: { teamId?: string; ownerId?: string; overdue?: string }) {
  requireRole(ctx.actor, 'viewer');
  const rows = await findOpenActionItems(ctx.db, { teamId: q.teamId, ownerId: q.ownerId });
  const names = await userNames(ctx.db, rows.map((r) => r.owner_id).filter((x): x is string => !!x));
  const now = ctx.clock.now();
  return rows
    .filter((r) => q.overdue !== 'true' || isOverdue(r, now))
    .map((r) => ({ ...toActionItem(r, names, now), postmortemTitle: r.postmortem_title, incidentNumber: Number(r.incident_number) }));
}

/**
 * The follow-up review decides per item: keep (as it is), close (done stays done,
 * anything else becomes won't do), or re-plan (a new due date, open again).
 */
export async function completeFollowUp(ctx: Ctx, postmortemId: string, followUpId: string, input: CompleteFollowUp): Promise<Postmortem> {
  const pm = await loadPostmortemRow(ctx, postmortemId, true);
  requirePostmortemEditor(ctx.actor, pm);
  const followUp = (await findFollowUps(ctx.db, [postmortemId])).find((f) => f.id === followUpId);
  if (!followUp) throw notFound('Follow-up review', followUpId);
  if (followUp.completed_at) throw conflict('This follow-up review is completed already');
  const items = new Map((await findActionItems(ctx.db, [postmortemId])).map((i) => [i.id, i]));
  const issues = input.decisions.flatMap((d, i) => [
    ...(items.has(d.actionItemId) ? [] : [{ field: `decisions.${i}.actionItemId`, message: 'Not an action item of this post-mortem' }]),
    ...(d.decision === 'replan' && !d.dueOn ? [{ field: `decisions.${i}.dueOn`, message: 'A re-planned item needs a new due date' }] : []),
  ]);
  const seen = new Set<string>();
  for (const [i, d] of input.decisions.entries()) {
    if (seen.has(d.actionItemId)) issues.push({ field: `decisions.${i}.actionItemId`, message: 'Decided twice' });
    seen.add(d.actionItemId);
  }
  if (issues.length) throw invalid(issues);
  const now = ctx.clock.now();
  const outcome = [];
  for (const d of input.decisions) {
    const item = items.get(d.actionItemId)!;
    if (d.decision === 'close' && item.status !== 'done') await updateActionItemRow(ctx.db, item.id, { status: 'wont_do', updated_at: now });
    if (d.decision === 'replan') await updateActionItemRow(ctx.db, item.id, { status: item.status === 'in_progress' ? 'in_progress' : 'open', due_on: d.dueOn!, done_at: null, updated_at: now });
    outcome.push({ actionItemId: item.id, title: item.title, decision: d.decision, dueOn: d.decision === 'replan' ? d.dueOn! : item.due_on, note: d.note ?? '' });
  }
  if (!(await completeFollowUpRow(ctx.db, postmortemId, followUpId, { outcome, notes: input.notes ?? '', by: ctx.actor.userId, now }))) {
    throw conflict('This follow-up review is completed already');
  }
  await recordAudit(ctx, { action: 'postmortem.follow_up_complete', entityType: 'postmortem', entityId: postmortemId, after: { followUpId, outcome } });
  ctx.log.event('POSTMORTEM_FOLLOW_UP_COMPLETED', { postmortemId, followUpId, items: outcome.length });
  return getPostmortem(ctx, postmortemId);
}
