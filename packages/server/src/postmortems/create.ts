import type { Postmortem } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid } from '../lib/errors.js';
import { deadlinesFor } from './deadlines.js';
import { DEFAULT_DRAFT_OPTIONS, generateDraft, type SeverityName } from './draft.js';
import { insertPostmortem, loadDeadlinePolicies } from './repository.js';
import { incidentsNeedingPostmortem, loadIncidentSource } from './source-repository.js';
import { getPostmortem } from './view.js';

/**
 * Making a post-mortem from a resolved incident: by a person for any severity, by
 * the engine for SEV1-2 (`draftDuePostmortems`). The draft, its timeline snapshot,
 * revision 1 of every section and the audit row commit together.
 */

/** How far back the engine looks for resolved incidents without a post-mortem (so a new install does not draft years of history). */
export const AUTO_DRAFT_LOOKBACK_MS = 14 * 86_400_000;

export async function createPostmortem(ctx: Ctx, input: { incidentId: string }, options: { automatic?: boolean } = {}): Promise<Postmortem> {
  requireRole(ctx.actor, 'responder');
  const id = await createFromIncident(ctx, input.incidentId, options.automatic ?? false);
  if (!id) throw conflict('This incident has a post-mortem already', { field: 'incidentId' });
  return getPostmortem(ctx, id);
}

async function createFromIncident(ctx: Ctx, incidentId: string, automatic: boolean): Promise<string | undefined> {
  const source = await loadIncidentSource(ctx.db, incidentId);
  if (!source) throw invalid([{ field: 'incidentId', message: 'No such incident' }]);
  if (source.status !== 'resolved' || !source.resolvedAt) throw invalid([{ field: 'incidentId', message: 'The incident is not resolved yet' }]);
  const a = ctx.actor;
  if (a.role !== 'admin' && source.teamId && !a.teamIds.includes(source.teamId) && a.kind !== 'system') {
    throw forbidden('Responders may start post-mortems only for their own teams’ incidents');
  }
  const now = ctx.clock.now();
  const severity = `SEV${source.severity}` as SeverityName;
  const draft = generateDraft(source.draft, DEFAULT_DRAFT_OPTIONS);
  const deadlines = deadlinesFor(source.resolvedAt, severity, await loadDeadlinePolicies(ctx.db));
  const started = draft.moments.detected && draft.moments.detected < source.declaredAt ? draft.moments.detected : source.declaredAt;
  const id = await insertPostmortem(
    ctx.db,
    {
      incident_id: incidentId,
      title: draft.title,
      severity: source.severity,
      team_id: source.teamId,
      owner_id: source.commanderId ?? (automatic ? null : ctx.actor.userId),
      service_ids: source.services.map((s) => s.id),
      service_names: source.services.map((s) => s.name),
      incident_started_at: started,
      incident_resolved_at: source.resolvedAt,
      interviews_due_at: deadlines.interviewsDueAt,
      meeting_due_at: deadlines.meetingDueAt,
      impact: JSON.stringify(draft.impact),
      automatic,
      created_at: now,
      created_by: ctx.actor.userId,
      updated_at: now,
    },
    draft.sections.map((s) => ({ key: s.key, markdown: s.markdown })),
    draft.timeline.map((e, position) => ({ position, at: e.at, kind: e.kind, actor: e.actor, text: e.text, moment: e.moment, gap_before_minutes: e.gapBeforeMinutes })),
    { id: ctx.actor.userId, label: automatic ? 'Operable (draft)' : ctx.actor.label },
  );
  if (!id) return undefined;
  await recordAudit(ctx, {
    action: 'postmortem.create',
    entityType: 'postmortem',
    entityId: id,
    after: { incidentId, title: draft.title, automatic, interviewsDueAt: deadlines.interviewsDueAt, meetingDueAt: deadlines.meetingDueAt },
  });
  ctx.log.event('POSTMORTEM_CREATED', { postmortemId: id, incidentId, automatic });
  return id;
}

/** The engine's part: drafts for resolved SEV1-2 incidents that have none. Returns how many it made. */
export async function draftDuePostmortems(ctx: Ctx, limit = 20): Promise<number> {
  const due = await incidentsNeedingPostmortem(ctx.db, new Date(ctx.clock.now().getTime() - AUTO_DRAFT_LOOKBACK_MS), limit);
  let made = 0;
  for (const incidentId of due) if (await createFromIncident(ctx, incidentId, true)) made += 1;
  return made;
}
