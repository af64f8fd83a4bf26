import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDraft } from './draft.js';
import { exportHtml, exportMarkdown, renderMarkdown, type ExportDocument } from './export.js';
import { SEV2_INCIDENT } from './test-incident.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The SEV2 post-mortem after its meeting: written sections, notes, action items, a completed follow-up. */
function reviewedDocument(): ExportDocument {
  const draft = generateDraft(SEV2_INCIDENT);
  const written: Record<string, string> = {
    contributing_factors: '- The deploy pipeline has no canary step for checkout.\n- The new-pricing flag defaulted to on.',
    went_well: 'The 5xx alert fired within two minutes.',
    went_wrong: 'Nobody could see which deploy was live: the dashboard has no deploy markers.',
    lucky: 'It happened at 10:00 on a Tuesday, with the whole team online.',
  };
  return {
    title: draft.title,
    state: 'reviewed',
    incident: { number: 42, severity: 'SEV2', resolvedAt: SEV2_INCIDENT.resolvedAt },
    owner: 'Ana Lima',
    facilitator: 'Bo Chen',
    noteTaker: null,
    services: ['checkout', 'payments'],
    tags: ['deploys', 'feature-flags'],
    interviewsDueAt: new Date('2026-03-05T11:20:00Z'),
    meetingDueAt: new Date('2026-03-10T11:20:00Z'),
    meetingHeldAt: new Date('2026-03-09T10:00:00Z'),
    sections: draft.sections.map((s) => ({ title: s.title, markdown: written[s.key] ?? s.markdown })),
    meetingNotes: 'Bo: the rollback took 2 minutes once we knew which deploy it was.',
    entryNotes: [{ at: new Date('2026-03-03T10:06:00Z'), text: 'Priya Natarajan paged by SMS', note: 'Saw the page on the train; joined at 10:20' }],
    actionItems: [
      { title: 'Add a canary step for checkout', owner: 'Bo Chen', dueOn: '2026-03-20', type: 'prevent', priority: 'high', status: 'in_progress', trackerKey: 'OPS-12', trackerUrl: 'https://tracker.example.com/OPS-12' },
      { title: 'Deploy markers on the checkout dashboard', owner: 'Priya Natarajan', dueOn: '2026-03-13', type: 'detect', priority: 'medium', status: 'done', trackerKey: null, trackerUrl: null },
      { title: 'Flags default to off | review', owner: null, dueOn: null, type: 'process', priority: 'low', status: 'open', trackerKey: 'OPS-13', trackerUrl: null },
    ],
    followUp: {
      dueAt: new Date('2026-04-08T10:00:00Z'),
      completedAt: new Date('2026-04-08T14:00:00Z'),
      outcome: [
        { title: 'Add a canary step for checkout', decision: 'replan', note: 'Blocked on the pipeline upgrade; new date 2026-04-30' },
        { title: 'Deploy markers on the checkout dashboard', decision: 'close', note: '' },
      ],
    },
    timeZone: 'UTC',
  };
}

describe('exportMarkdown', () => {
  it('writes the reviewed post-mortem as the expected Markdown', () => {
    expect(exportMarkdown(reviewedDocument())).toBe(fixture('export-sev2.md'));
  });

  it('marks unwritten sections, no action items and an open follow-up', () => {
    const doc = { ...reviewedDocument(), state: 'draft' as const, meetingHeldAt: null, actionItems: [], meetingNotes: '', entryNotes: [], tags: [] };
    doc.sections = doc.sections.map((s) => ({ ...s, markdown: s.title === 'Summary' ? s.markdown : '' }));
    doc.followUp = { dueAt: new Date('2026-04-08T10:00:00Z'), completedAt: null, outcome: [] };
    const md = exportMarkdown(doc);
    expect(md).toContain('## What went well\n\n_Not written yet._');
    expect(md).toContain('_No action items yet._');
    expect(md).toContain('- **Meeting:** due 2026-03-10 11:20 UTC');
    expect(md).toContain('## Follow-up review\n\nDue 2026-04-08 10:00 UTC.');
    expect(md).not.toContain('## Meeting notes');
    expect(md).not.toContain('**Tags:**');
  });

  it('never links a tracker URL that is not http(s)', () => {
    const doc = reviewedDocument();
    doc.actionItems = [{ ...doc.actionItems[0]!, trackerUrl: 'javascript:alert(1)' }];
    expect(exportMarkdown(doc)).toContain('[OPS-12](#)');
  });
});

describe('HTML', () => {
  it('renders the export as one standalone page with tables, links and no script', () => {
    const html = exportHtml(reviewedDocument());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>SEV2 #42: Checkout errors after the 09:50 deploy</title>');
    expect(html).toContain('<h2>Action items</h2>');
    expect(html).toContain('<td>Flags default to off | review</td>');
    expect(html).toContain('<a href="https://tracker.example.com/OPS-12" rel="noopener noreferrer">OPS-12</a>');
    expect(html).toContain('<code>kubectl rollout undo deploy/checkout</code>');
    expect(html).not.toMatch(/<script|<link|src=/i);
  });

  it.each([
    ['<script>alert(1)</script>hello', 'hello'],
    ['[x](javascript:alert(1))', '<p><a rel="noopener noreferrer">x</a></p>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<a href="https://ok.example" onclick="x()">ok</a>', '<p><a href="https://ok.example" rel="noopener noreferrer">ok</a></p>'],
    ['<iframe src="https://evil.example"></iframe>', ''],
    ['**bold** and `code`', '<p><strong>bold</strong> and <code>code</code></p>'],
    ['[proto](//evil.example)', '<p><a rel="noopener noreferrer">proto</a></p>'],
  ])('sanitizes %j', (markdown, html) => {
    expect(renderMarkdown(markdown).trim()).toBe(html);
  });

  it('escapes the page title', () => {
    const html = exportHtml({ ...reviewedDocument(), title: '</title><script>x</script>' });
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(html).not.toContain('<script>');
  });
});
