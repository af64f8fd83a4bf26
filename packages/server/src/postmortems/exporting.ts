import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { exportHtml, exportMarkdown, type ExportDocument } from './export.js';
import { getPostmortem } from './view.js';

/** A post-mortem as a Markdown file or a standalone HTML page. */
export async function exportPostmortem(ctx: Ctx, id: string, format: 'markdown' | 'html'): Promise<{ filename: string; contentType: string; body: string }> {
  requireRole(ctx.actor, 'viewer');
  const p = await getPostmortem(ctx, id);
  const date = (s: string | null) => (s ? new Date(s) : null);
  const doc: ExportDocument = {
    title: p.title,
    state: p.state,
    incident: { number: p.incidentNumber, severity: p.severityName, resolvedAt: date(p.incidentResolvedAt) },
    owner: p.owner?.name ?? null,
    facilitator: p.facilitator?.name ?? null,
    noteTaker: p.noteTaker?.name ?? null,
    services: p.services.map((s) => s.name),
    tags: p.tags,
    interviewsDueAt: new Date(p.interviewsDueAt),
    meetingDueAt: new Date(p.meetingDueAt),
    meetingHeldAt: date(p.meetingHeldAt),
    sections: p.sections.map((s) => ({ title: s.title, markdown: s.markdown })),
    meetingNotes: p.meetingNotes,
    entryNotes: p.timeline.filter((e) => e.note.trim()).map((e) => ({ at: new Date(e.at), text: e.text, note: e.note })),
    actionItems: p.actionItems.map((a) => ({
      title: a.title,
      owner: a.owner?.name ?? null,
      dueOn: a.dueOn,
      type: a.type,
      priority: a.priority,
      status: a.status,
      trackerKey: a.trackerKey,
      trackerUrl: a.trackerUrl,
    })),
    followUp: (() => {
      const f = p.followUps.at(-1);
      return f ? { dueAt: new Date(f.dueAt), completedAt: date(f.completedAt), outcome: (f.outcome ?? []).map((o) => ({ title: o.title, decision: o.decision, note: o.note })) } : null;
    })(),
    timeZone: 'UTC',
  };
  const base = `postmortem-incident-${p.incidentNumber}`;
  return format === 'html'
    ? { filename: `${base}.html`, contentType: 'text/html; charset=utf-8', body: exportHtml(doc) }
    : { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', body: exportMarkdown(doc) };
}
