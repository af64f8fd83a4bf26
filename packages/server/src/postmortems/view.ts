import {
  findBlame,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_TRANSITIONS,
  type ActionItem,
  type FollowUp,
  type Postmortem,
  type PostmortemQuery,
  type PostmortemSummary,
} from '@operable/shared';
import { userNames } from '../auth/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Actor, Ctx } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';
import { actionItemOverdueAt, lateness, type ReminderFacts } from './deadlines.js';
import { renderMarkdown } from './export.js';
import { findActionItems, findFollowUps, type ActionItemRow, type FollowUpRow } from './items-repository.js';
import { findPostmortemRow, findSections, findTimeline, searchPostmortems, type PostmortemRow } from './repository.js';
import { incidentNumbersOf, incidentPeople } from './source-repository.js';

/** Reading post-mortems: the list and library, one whole post-mortem, and who may change it. */

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Admins; responders of the owning team (any responder when no team owns it); and whoever holds one of its roles. */
export function canEditPostmortem(actor: Actor, row: PostmortemRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'responder') return false;
  if (!row.team_id || actor.teamIds.includes(row.team_id)) return true;
  return actor.userId !== null && [row.owner_id, row.facilitator_id, row.note_taker_id].includes(actor.userId);
}

export function requirePostmortemEditor(actor: Actor, row: PostmortemRow): void {
  requireRole(actor, 'responder');
  if (!canEditPostmortem(actor, row)) throw forbidden('Only the owning team, the post-mortem’s owner, facilitator and note-taker, and admins may change it');
}

export async function loadPostmortemRow(ctx: Ctx, id: string, lock = false): Promise<PostmortemRow> {
  const row = await findPostmortemRow(ctx.db, id, lock);
  if (!row) throw notFound('Post-mortem', id);
  return row;
}

export function factsOf(row: PostmortemRow, items: ActionItemRow[], followUps: FollowUpRow[]): ReminderFacts {
  const open = followUps.find((f) => !f.completed_at) ?? null;
  return {
    createdAt: new Date(row.created_at),
    state: row.state,
    interviewsDueAt: new Date(row.interviews_due_at),
    meetingDueAt: new Date(row.meeting_due_at),
    interviewsDoneAt: row.interviews_done_at ? new Date(row.interviews_done_at) : null,
    meetingHeldAt: row.meeting_held_at ? new Date(row.meeting_held_at) : null,
    actionItems: items.map((i) => ({ id: i.id, dueOn: i.due_on, status: i.status })),
    followUp: open ? { id: open.id, dueAt: new Date(open.due_at), completedAt: null } : null,
  };
}

export function isOverdue(item: { due_on: string | null; status: string }, now: Date): boolean {
  return item.due_on !== null && (item.status === 'open' || item.status === 'in_progress') && actionItemOverdueAt(item.due_on) <= now;
}

export function toActionItem(i: ActionItemRow, names: Map<string, string>, now: Date): ActionItem {
  return {
    id: i.id,
    postmortemId: i.postmortem_id,
    title: i.title,
    owner: i.owner_id ? { id: i.owner_id, name: names.get(i.owner_id) ?? 'Deleted user' } : null,
    dueOn: i.due_on,
    type: i.type,
    priority: i.priority,
    status: i.status,
    trackerUrl: i.tracker_url,
    trackerKey: i.tracker_key,
    overdue: isOverdue(i, now),
    createdAt: iso(i.created_at)!,
    updatedAt: iso(i.updated_at)!,
    doneAt: iso(i.done_at),
  };
}

function toFollowUp(f: FollowUpRow, names: Map<string, string>): FollowUp {
  return {
    id: f.id,
    dueAt: iso(f.due_at)!,
    completedAt: iso(f.completed_at),
    completedBy: f.completed_by ? { id: f.completed_by, name: names.get(f.completed_by) ?? 'Deleted user' } : null,
    outcome: (f.outcome as FollowUp['outcome']) ?? null,
    notes: f.notes,
  };
}

async function summaries(ctx: Ctx, rows: (PostmortemRow & { snippet?: string | null })[]): Promise<{ summaries: PostmortemSummary[]; items: ActionItemRow[]; followUps: FollowUpRow[]; names: Map<string, string> }> {
  const ids = rows.map((r) => r.id);
  const [items, followUps, numbers] = await Promise.all([findActionItems(ctx.db, ids), findFollowUps(ctx.db, ids), incidentNumbers(ctx, rows)]);
  const names = await userNames(ctx.db, [
    ...rows.flatMap((r) => [r.owner_id, r.facilitator_id, r.note_taker_id]),
    ...items.map((i) => i.owner_id),
    ...followUps.map((f) => f.completed_by),
  ].filter((x): x is string => !!x));
  const now = ctx.clock.now();
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Deleted user' } : null);
  return {
    items,
    followUps,
    names,
    summaries: rows.map((r) => {
      const own = items.filter((i) => i.postmortem_id === r.id);
      const facts = factsOf(r, own, followUps.filter((f) => f.postmortem_id === r.id));
      return {
        id: r.id,
        incidentId: r.incident_id,
        incidentNumber: numbers.get(r.incident_id) ?? 0,
        title: r.title,
        severity: r.severity,
        severityName: `SEV${r.severity}`,
        state: r.state,
        owner: person(r.owner_id),
        facilitator: person(r.facilitator_id),
        noteTaker: person(r.note_taker_id),
        teamId: r.team_id,
        services: r.service_ids.map((id, i) => ({ id, name: r.service_names[i] ?? '' })),
        tags: r.tags,
        incidentResolvedAt: iso(r.incident_resolved_at)!,
        interviewsDueAt: iso(r.interviews_due_at)!,
        meetingDueAt: iso(r.meeting_due_at)!,
        interviewsDoneAt: iso(r.interviews_done_at),
        meetingScheduledAt: iso(r.meeting_scheduled_at),
        meetingHeldAt: iso(r.meeting_held_at),
        late: lateness(facts, now).map((l) => ({ what: l.what, since: l.since.toISOString(), ...(l.count !== undefined ? { count: l.count } : {}) })),
        openActionItems: own.filter((i) => i.status === 'open' || i.status === 'in_progress').length,
        overdueActionItems: own.filter((i) => isOverdue(i, now)).length,
        snippet: r.snippet ?? null,
        automatic: r.automatic,
        createdAt: iso(r.created_at)!,
      };
    }),
  };
}

const incidentNumbers = (ctx: Ctx, rows: PostmortemRow[]) => incidentNumbersOf(ctx.db, rows.map((r) => r.incident_id));

export async function listPostmortems(ctx: Ctx, query: PostmortemQuery = {}): Promise<PostmortemSummary[]> {
  requireRole(ctx.actor, 'viewer');
  const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
  const rows = await searchPostmortems(ctx.db, {
    q: query.q,
    serviceId: query.serviceId,
    severity: query.severity === undefined ? undefined : Number(query.severity),
    tag: query.tag,
    state: query.state,
    from: query.from ? dayStart(query.from) : undefined,
    to: query.to ? new Date(dayStart(query.to).getTime() + 86_400_000) : undefined,
    limit: Number(query.limit ?? 50),
  });
  const { summaries: out } = await summaries(ctx, rows);
  return query.late === 'true' ? out.filter((s) => s.late.length) : query.late === 'false' ? out.filter((s) => !s.late.length) : out;
}

export async function getPostmortem(ctx: Ctx, id: string): Promise<Postmortem> {
  requireRole(ctx.actor, 'viewer');
  const row = await loadPostmortemRow(ctx, id);
  const [{ summaries: [summary], items, followUps, names }, sections, timeline, incidentNames] = await Promise.all([
    summaries(ctx, [row]),
    findSections(ctx.db, id),
    findTimeline(ctx.db, id),
    incidentPeople(ctx.db, row.incident_id),
  ]);
  const editors = await userNames(ctx.db, sections.map((s) => s.updated_by).filter((x): x is string => !!x));
  const people = [...new Set([...incidentNames, ...[summary!.owner, summary!.facilitator, summary!.noteTaker].flatMap((p) => (p ? [p.name] : [])), ...(row.impact as { peoplePaged?: string[] }).peoplePaged ?? []])];
  const now = ctx.clock.now();
  return {
    ...summary!,
    impact: row.impact as Postmortem['impact'],
    meetingNotes: row.meeting_notes,
    sections: sections.map((s) => {
      const def = POSTMORTEM_SECTIONS.find((d) => d.key === s.key)!;
      return {
        key: def.key,
        title: def.title,
        prompt: def.prompt,
        markdown: s.markdown,
        html: renderMarkdown(s.markdown),
        revision: s.revision,
        updatedAt: iso(s.updated_at)!,
        updatedBy: s.updated_by ? { id: s.updated_by, name: editors.get(s.updated_by) ?? 'Deleted user' } : null,
        blame: findBlame(s.markdown, people),
      };
    }),
    timeline: timeline.map((t) => ({
      id: String(t.id),
      at: iso(t.at)!,
      kind: t.kind,
      actor: t.actor,
      text: t.text,
      moment: t.moment,
      gapBeforeMinutes: t.gap_before_minutes,
      note: t.note,
    })),
    actionItems: items.map((i) => toActionItem(i, names, now)),
    followUps: followUps.map((f) => toFollowUp(f, names)),
    people,
    canEdit: canEditPostmortem(ctx.actor, row),
    nextStates: [...POSTMORTEM_TRANSITIONS[row.state]],
  };
}
