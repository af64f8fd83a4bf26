import type { KeyMoment, TimelineKind } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Actor, Ctx } from '../lib/context.js';
import { userNames } from '../auth/index.js';
import { forbidden, notFound } from '../lib/errors.js';
import { findIncident, hasKeyMoment, insertTimeline, servicesOf, type IncidentRow, type TimelineRow } from './repository.js';
import { currentHolders } from './roles-repository.js';

/**
 * Who may change an incident: admins; responders in a team that owns one of its
 * services; and whoever holds a role in it (a commander from another team runs it
 * too). An incident without services is open to every responder. Viewers read.
 */
export async function canEditIncident(ctx: Ctx, incident: IncidentRow): Promise<boolean> {
  const { actor } = ctx;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'responder') return false;
  const services = await servicesOf(ctx.db, [incident.id]);
  if (!services.length || services.some((s) => actor.teamIds.includes(s.team_id))) return true;
  return !!actor.userId && (await currentHolders(ctx.db, incident.id)).some((r) => r.userId === actor.userId);
}

export async function requireIncidentEditor(ctx: Ctx, incident: IncidentRow): Promise<void> {
  requireRole(ctx.actor, 'responder');
  if (!(await canEditIncident(ctx, incident))) {
    throw forbidden('Only the teams owning the incident’s services, its role holders and admins may change it');
  }
}

/** `42`, `#42` or the incident's id. */
export function parseRef(ref: string): { id?: string; number?: number } {
  const m = /^#?(\d{1,12})$/.exec(ref.trim());
  return m ? { number: Number(m[1]) } : { id: ref };
}

export async function loadIncident(ctx: Ctx, ref: string, forUpdate = false): Promise<IncidentRow> {
  requireRole(ctx.actor, 'viewer');
  const incident = await findIncident(ctx.db, parseRef(ref), forUpdate);
  if (!incident) throw notFound('Incident', ref);
  return incident;
}

/** Loads for a change: locked, and the actor checked. */
export async function loadForChange(ctx: Ctx, ref: string): Promise<IncidentRow> {
  const incident = await loadIncident(ctx, ref, true);
  await requireIncidentEditor(ctx, incident);
  await learnName(ctx);
  return incident;
}

/**
 * The timeline reads as sentences with people's names ("Ana Ortiz paged Cai"), not
 * account labels (an email, an API key's prefix); the audit row keeps the label.
 */
const NAMES = new WeakMap<Actor, string>();

export async function learnName(ctx: Ctx): Promise<void> {
  if (NAMES.has(ctx.actor) || !ctx.actor.userId) return;
  const name = (await userNames(ctx.db, [ctx.actor.userId])).get(ctx.actor.userId);
  if (name) NAMES.set(ctx.actor, name);
}

export const who = (ctx: Pick<Ctx, 'actor'>): string => NAMES.get(ctx.actor) ?? ctx.actor.label;

export interface Entry {
  kind: TimelineKind;
  text: string;
  data?: Record<string, unknown>;
  /** Marks the entry unless the incident already has this key moment (people move marks by hand). */
  keyMoment?: KeyMoment;
  at?: Date;
  alertLogId?: number;
}

/**
 * A change's timeline entry and its audit row, in the caller's transaction: the
 * change, the entry and the audit row commit or vanish together.
 */
export async function recordChange(ctx: Ctx, incident: Pick<IncidentRow, 'id' | 'number'>, entry: Entry, audit: { action: string; before?: unknown; after?: unknown }): Promise<TimelineRow> {
  const row = (await writeEntry(ctx, incident.id, entry))!;
  await recordAudit(ctx, {
    action: audit.action,
    entityType: 'incident',
    entityId: incident.id,
    before: audit.before,
    after: audit.after ?? { number: incident.number, kind: entry.kind, ...entry.data },
  });
  return row;
}

/** A timeline entry without an audit row: for what other domains already recorded (a linked alert's log). */
export async function writeEntry(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, incidentId: string, entry: Entry & { actorLabel?: string; actorId?: string | null }): Promise<TimelineRow | undefined> {
  const keyMoment = entry.keyMoment && !(await hasKeyMoment(ctx.db, incidentId, entry.keyMoment)) ? entry.keyMoment : null;
  return insertTimeline(ctx.db, {
    incident_id: incidentId,
    at: entry.at ?? ctx.clock.now(),
    kind: entry.kind,
    actor_id: entry.actorId !== undefined ? entry.actorId : ctx.actor.userId,
    actor_label: entry.actorLabel ?? who(ctx),
    text: entry.text,
    data: JSON.stringify(entry.data ?? {}),
    key_moment: keyMoment,
    alert_log_id: entry.alertLogId ?? null,
  });
}

export const incidentLabel = (i: Pick<IncidentRow, 'number' | 'drill'>) => `${i.drill ? '[DRILL] ' : ''}Incident #${i.number}`;
