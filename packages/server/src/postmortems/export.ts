import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { formatTime } from './timeline.js';
import { inline } from './markdown-text.js';

/**
 * Export of a whole post-mortem: Markdown (for a repository or wiki) and a
 * standalone HTML page (for email or a wiki that takes HTML). Pure: the verb loads
 * an `ExportDocument` and hands it here.
 */

export interface ExportDocument {
  title: string;
  state: 'draft' | 'in_review' | 'reviewed' | 'closed';
  incident: { number: number; severity: string; resolvedAt: Date | null };
  owner: string | null;
  facilitator: string | null;
  noteTaker: string | null;
  services: string[];
  tags: string[];
  interviewsDueAt: Date;
  meetingDueAt: Date;
  meetingHeldAt: Date | null;
  sections: { title: string; markdown: string }[];
  /** The note-taker's notes and the notes per timeline entry from the meeting. */
  meetingNotes: string;
  entryNotes: { at: Date; text: string; note: string }[];
  actionItems: {
    title: string;
    owner: string | null;
    dueOn: string | null;
    type: string;
    priority: string;
    status: string;
    trackerKey: string | null;
    trackerUrl: string | null;
  }[];
  followUp: { dueAt: Date; completedAt: Date | null; outcome: { title: string; decision: string; note: string }[] } | null;
  timeZone: string;
}

const STATE_LABEL = { draft: 'Draft', in_review: 'In review', reviewed: 'Reviewed', closed: 'Closed' } as const;
const STATUS_LABEL: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' };
const DECISION_LABEL: Record<string, string> = { keep: 'Keep', close: 'Close', replan: 'Re-plan' };

export function exportMarkdown(doc: ExportDocument): string {
  const when = (d: Date) => `${formatTime(d, doc.timeZone, true)} ${doc.timeZone}`;
  const people = [`**Owner:** ${name(doc.owner)}`, `**Facilitator:** ${name(doc.facilitator)}`, `**Note-taker:** ${name(doc.noteTaker)}`];
  const out: string[] = [
    `# ${inline(doc.title)}`,
    '',
    `- **State:** ${STATE_LABEL[doc.state]}`,
    `- **Incident:** #${doc.incident.number}, ${inline(doc.incident.severity)}, ${doc.incident.resolvedAt ? `resolved ${when(doc.incident.resolvedAt)}` : 'not resolved'}`,
    `- ${people.join(' · ')}`,
    `- **Services:** ${doc.services.length ? doc.services.map(inline).join(', ') : 'none recorded'}`,
    `- **Interviews due:** ${when(doc.interviewsDueAt)}`,
    `- **Meeting:** ${doc.meetingHeldAt ? `held ${when(doc.meetingHeldAt)}` : `due ${when(doc.meetingDueAt)}`}`,
  ];
  if (doc.tags.length) out.push(`- **Tags:** ${doc.tags.map(inline).join(', ')}`);
  for (const s of doc.sections) out.push('', `## ${inline(s.title)}`, '', s.markdown.trim() || '_Not written yet._');
  if (doc.meetingNotes.trim() || doc.entryNotes.length) {
    out.push('', '## Meeting notes');
    if (doc.meetingNotes.trim()) out.push('', doc.meetingNotes.trim());
    if (doc.entryNotes.length) {
      out.push('');
      for (const e of doc.entryNotes) out.push(`- ${formatTime(e.at, doc.timeZone, true)} ${inline(e.text)}: ${inline(e.note)}`);
    }
  }
  out.push('', '## Action items', '');
  if (doc.actionItems.length) {
    out.push('| Action | Owner | Due | Type | Priority | Status | Tracker |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const a of doc.actionItems) {
      const tracker = a.trackerUrl ? `[${inline(a.trackerKey ?? 'link')}](${linkTarget(a.trackerUrl)})` : a.trackerKey ? inline(a.trackerKey) : '';
      out.push(`| ${inline(a.title)} | ${name(a.owner)} | ${a.dueOn ?? ''} | ${a.type} | ${a.priority} | ${STATUS_LABEL[a.status] ?? a.status} | ${tracker} |`);
    }
  } else {
    out.push('_No action items yet._');
  }
  if (doc.followUp) {
    out.push('', '## Follow-up review', '');
    if (doc.followUp.completedAt) {
      out.push(`Held ${when(doc.followUp.completedAt)}.`, '');
      for (const o of doc.followUp.outcome) out.push(`- **${DECISION_LABEL[o.decision] ?? o.decision}:** ${inline(o.title)}${o.note.trim() ? `: ${inline(o.note)}` : ''}`);
    } else {
      out.push(`Due ${when(doc.followUp.dueAt)}.`);
    }
  }
  return `${out.join('\n')}\n`;
}

const name = (n: string | null) => (n ? inline(n) : '_unassigned_');

/** A link target: only http(s) URLs (the schema checks too), with the characters that would end it escaped. */
function linkTarget(url: string): string {
  return /^https?:\/\//i.test(url) ? `<${url.replace(/[<>\s]/g, encodeURIComponent)}>` : '#';
}

/** Markdown to HTML that is safe to show anywhere: only plain document tags, only http(s) and mailto links. */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(raw, {
    allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{background:#f2f2f2;padding:0 .2rem;border-radius:3px}a{color:#0645ad}
@media (prefers-color-scheme:dark){body{background:#121212;color:#eee}code{background:#2a2a2a}a{color:#8ab4f8}th,td{border-color:#444}}`;

/** A whole HTML page with its own style: no scripts, no outside resources, opens anywhere. */
export function exportHtml(doc: ExportDocument): string {
  const body = renderMarkdown(exportMarkdown(doc));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
