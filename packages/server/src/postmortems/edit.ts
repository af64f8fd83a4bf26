import { POSTMORTEM_TRANSITIONS, type Postmortem, type PostmortemSection, type PostmortemState, type UpdatePostmortem } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { existingUserIds, userNames } from '../auth/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { followUpDueAt } from './deadlines.js';
import { insertFollowUp } from './items-repository.js';
import { findRevisions, findSections, moveState, saveSectionRow, setTimelineNoteRow, updatePostmortemRow } from './repository.js';
import { getPostmortem, loadPostmortemRow, requirePostmortemEditor } from './view.js';

/** Changing a post-mortem: its fields and roles, its sections, its state, the meeting and its notes. */

export async function updatePostmortem(ctx: Ctx, id: string, input: UpdatePostmortem): Promise<Postmortem> {
  const row = await loadPostmortemRow(ctx, id, true);
  requirePostmortemEditor(ctx.actor, row);
  const people = { ownerId: input.ownerId, facilitatorId: input.facilitatorId, noteTakerId: input.noteTakerId };
  const named = Object.values(people).filter((v): v is string => typeof v === 'string');
  const known = await existingUserIds(ctx.db, named);
  const unknown = Object.entries(people).filter(([, v]) => typeof v === 'string' && !known.has(v));
  if (unknown.length) throw invalid(unknown.map(([field]) => ({ field, message: 'No such user' })));
  const now = ctx.clock.now();
  const before = await getPostmortem(ctx, id);
  await updatePostmortemRow(ctx.db, id, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    ...(input.facilitatorId !== undefined ? { facilitator_id: input.facilitatorId } : {}),
    ...(input.noteTakerId !== undefined ? { note_taker_id: input.noteTakerId } : {}),
    ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
    ...(input.meetingScheduledAt !== undefined ? { meeting_scheduled_at: input.meetingScheduledAt ? new Date(input.meetingScheduledAt) : null } : {}),
    ...(input.interviewsDone !== undefined ? { interviews_done_at: input.interviewsDone ? (row.interviews_done_at ?? now) : null } : {}),
    ...(input.meetingNotes !== undefined ? { meeting_notes: input.meetingNotes } : {}),
    updated_at: now,
  });
  const after = await getPostmortem(ctx, id);
  await recordAudit(ctx, { action: 'postmortem.update', entityType: 'postmortem', entityId: id, before: auditView(before), after: auditView(after) });
  return after;
}

/** What the audit row keeps of a post-mortem: the fields, not the rendered document. */
function auditView(p: Postmortem) {
  return {
    title: p.title,
    state: p.state,
    ownerId: p.owner?.id ?? null,
    facilitatorId: p.facilitator?.id ?? null,
    noteTakerId: p.noteTaker?.id ?? null,
    tags: p.tags,
    meetingScheduledAt: p.meetingScheduledAt,
    interviewsDoneAt: p.interviewsDoneAt,
    meetingHeldAt: p.meetingHeldAt,
    meetingNotesLength: p.meetingNotes.length,
  };
}

export async function saveSection(ctx: Ctx, id: string, key: string, input: { markdown: string; baseRevision: number }): Promise<PostmortemSection> {
  const row = await loadPostmortemRow(ctx, id, true);
  requirePostmortemEditor(ctx.actor, row);
  const revision = await saveSectionRow(ctx.db, id, key, input.markdown, input.baseRevision, { id: ctx.actor.userId, label: ctx.actor.label }, ctx.clock.now());
  if (revision === null) {
    const current = (await findSections(ctx.db, id)).find((s) => s.key === key);
    if (!current) throw notFound('Section', key);
    throw conflict('Someone saved this section since you started editing; reload to see their version', { field: 'baseRevision', currentRevision: current.revision });
  }
  await recordAudit(ctx, { action: 'postmortem.section_save', entityType: 'postmortem', entityId: id, after: { section: key, revision, length: input.markdown.length } });
  const saved = (await getPostmortem(ctx, id)).sections.find((s) => s.key === key)!;
  return saved;
}

export async function listRevisions(ctx: Ctx, id: string, key: string) {
  requireRole(ctx.actor, 'viewer');
  await loadPostmortemRow(ctx, id);
  const rows = await findRevisions(ctx.db, id, key);
  // People by name where they still have an account; the stored label (an email, "Operable (draft)") otherwise.
  const names = await userNames(ctx.db, rows.map((r) => r.author_id).filter((x): x is string => !!x));
  return rows.map((r) => ({ revision: r.revision, markdown: r.markdown, author: (r.author_id && names.get(r.author_id)) || r.author_label, createdAt: new Date(r.created_at).toISOString() }));
}

export async function changeState(ctx: Ctx, id: string, to: PostmortemState): Promise<Postmortem> {
  const row = await loadPostmortemRow(ctx, id, true);
  requirePostmortemEditor(ctx.actor, row);
  if (!POSTMORTEM_TRANSITIONS[row.state].includes(to)) {
    throw invalid([{ field: 'state', message: `A post-mortem in ${row.state} can move to ${POSTMORTEM_TRANSITIONS[row.state].join(' or ')}` }]);
  }
  if (to === 'reviewed' && !row.meeting_held_at) throw invalid([{ field: 'state', message: 'Record the review meeting first' }]);
  if (!(await moveState(ctx.db, id, row.state, to, ctx.clock.now()))) throw conflict('The post-mortem changed state meanwhile; reload');
  await recordAudit(ctx, { action: 'postmortem.state', entityType: 'postmortem', entityId: id, before: { state: row.state }, after: { state: to } });
  ctx.log.event('POSTMORTEM_STATE_CHANGED', { postmortemId: id, from: row.state, to });
  return getPostmortem(ctx, id);
}

/**
 * The review meeting was held: the post-mortem is reviewed, and the follow-up review
 * of its action items is put 30 days out.
 */
export async function recordMeeting(ctx: Ctx, id: string, input: { heldAt?: string }): Promise<Postmortem> {
  const row = await loadPostmortemRow(ctx, id, true);
  requirePostmortemEditor(ctx.actor, row);
  const now = ctx.clock.now();
  const heldAt = input.heldAt ? new Date(input.heldAt) : now;
  if (heldAt > now) throw invalid([{ field: 'heldAt', message: 'The meeting cannot be in the future' }]);
  if (heldAt < new Date(row.incident_resolved_at)) throw invalid([{ field: 'heldAt', message: 'The meeting cannot be before the incident was resolved' }]);
  if (row.state === 'closed') throw conflict('The post-mortem is closed; reopen it first');
  await updatePostmortemRow(ctx.db, id, { meeting_held_at: heldAt, state: 'reviewed', updated_at: now });
  await insertFollowUp(ctx.db, id, followUpDueAt(heldAt), now);
  await recordAudit(ctx, { action: 'postmortem.meeting', entityType: 'postmortem', entityId: id, before: { state: row.state, meetingHeldAt: row.meeting_held_at }, after: { state: 'reviewed', meetingHeldAt: heldAt } });
  ctx.log.event('POSTMORTEM_STATE_CHANGED', { postmortemId: id, from: row.state, to: 'reviewed' });
  return getPostmortem(ctx, id);
}

export async function setTimelineNote(ctx: Ctx, id: string, entryId: string, note: string): Promise<void> {
  const row = await loadPostmortemRow(ctx, id);
  requirePostmortemEditor(ctx.actor, row);
  if (!(await setTimelineNoteRow(ctx.db, id, entryId, note, ctx.clock.now()))) throw notFound('Timeline entry', entryId);
  await recordAudit(ctx, { action: 'postmortem.timeline_note', entityType: 'postmortem', entityId: id, after: { entryId, length: note.length } });
}
