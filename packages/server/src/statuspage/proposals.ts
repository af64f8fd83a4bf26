import type { ProposedPublicUpdate } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { findIncidents } from './repository.js';

/** What the status page needs of an internal incident: its number, title and status updates. */
export interface InternalIncident {
  id: string;
  number: number;
  title: string;
  updates: { id: string; at: string; status: string; body: string; author: string; nextUpdateAt: string | null }[];
}

/** Reads an internal incident as the ctx's actor (its own rules apply); null when there is none. */
export type InternalIncidentReader = (ctx: Ctx, id: string) => Promise<InternalIncident | null>;

let reader: InternalIncidentReader | null = null;

/**
 * For the composition root: the incidents domain, which this one never imports (the
 * status page works without it). Until registered, links are kept unchecked and
 * nothing can be drafted.
 */
export function registerInternalIncidents(read: InternalIncidentReader): void {
  reader = read;
}

/** A link to an internal incident must name one this person can read. */
export async function checkInternalLink(ctx: Ctx, id: string | null | undefined): Promise<void> {
  if (!id || !reader) return;
  if (!(await reader(ctx, id))) throw invalid([{ field: 'internalIncidentId', message: 'No such internal incident' }]);
}

const PUBLIC: readonly string[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/**
 * Drafts the next public update of a linked incident from its internal incident's
 * latest status update: same status, its words as a starting point, its next update
 * time if still ahead. Returns the draft only: it writes nothing, publishes nothing.
 */
export async function proposePublicUpdate(ctx: Ctx, id: string): Promise<ProposedPublicUpdate> {
  requireRole(ctx.actor, 'responder');
  const [row] = await findIncidents(ctx.db, { id });
  if (!row) throw notFound('Incident', id);
  if (!row.internal_incident_id) throw conflict('This public incident is not linked to an internal incident');
  const internal = reader ? await reader(ctx, row.internal_incident_id) : null;
  if (!internal) throw conflict('The linked internal incident is gone');
  const latest = [...internal.updates].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!latest) throw conflict(`Incident #${internal.number} has no status update yet`);
  const next = latest.nextUpdateAt && Date.parse(latest.nextUpdateAt) > ctx.clock.now().getTime() ? latest.nextUpdateAt : null;
  return {
    status: (PUBLIC.includes(latest.status) ? latest.status : row.status) as ProposedPublicUpdate['status'],
    body: latest.body,
    nextUpdateAt: next,
    from: { incidentId: internal.id, incidentNumber: internal.number, incidentTitle: internal.title, updateId: latest.id, at: latest.at, author: latest.author },
  };
}
