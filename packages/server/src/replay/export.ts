import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { historyRows } from './repository.js';

/**
 * The server's alert history as replay lines (history.ts, "Operable's own export"):
 * each alert's arrival, and each acknowledgement and resolve with who made it. A
 * person is named by email; a sender's act has no `by`, so a replay sends it as the
 * sender would.
 */
export async function exportHistory(ctx: Ctx, period: { from: Date; to: Date }): Promise<string[]> {
  requireRole(ctx.actor, 'viewer');
  const { opened, acts } = await historyRows(ctx.db, period.from, period.to);
  const lines: { at: Date; order: number; line: Record<string, unknown> }[] = [];
  for (const a of opened) {
    const line = { at: new Date(a.at).toISOString(), service: a.service, action: 'trigger', dedupKey: a.dedup_key, summary: a.summary, severity: a.severity, urgency: a.urgency, source: a.source };
    lines.push({ at: new Date(a.at), order: 0, line });
  }
  for (const a of acts) {
    const by = personOf(a.actor);
    const action = a.event === 'resolved' ? 'resolve' : 'acknowledge';
    const line = { at: new Date(a.at).toISOString(), service: a.service, action, dedupKey: a.dedup_key, ...(by ? { by } : {}) };
    lines.push({ at: new Date(a.at), order: 1, line });
  }
  lines.sort((x, y) => x.at.getTime() - y.at.getTime() || x.order - y.order);
  return lines.map((l) => JSON.stringify(l.line));
}

/** Actors are labelled by email for people ("ann@x (key op_12…)" for their API keys); anything else is a sender or the system. */
function personOf(actor: string | null): string | null {
  const email = actor?.split(' ')[0];
  return email && /^[^@\s:]+@[^@\s]+$/.test(email) ? email : null;
}
