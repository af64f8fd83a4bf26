import { readFileSync } from 'node:fs';
import { POSTMORTEM_SECTION_KEYS } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { generateDraft, type DraftIncident } from './draft.js';
import { codeSpan, inline } from './markdown-text.js';
import { SEV2_INCIDENT } from './test-incident.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const section = (incident: DraftIncident, key: string, options?: Parameters<typeof generateDraft>[1]) =>
  generateDraft(incident, options).sections.find((s) => s.key === key)!.markdown;

describe('generateDraft', () => {
  it('drafts the SEV2 incident as the expected Markdown', () => {
    const draft = generateDraft(SEV2_INCIDENT);
    const text = draft.sections.map((s) => `## ${s.title}\n\n${s.markdown}`).join('\n\n');
    expect(`${text}\n`).toBe(fixture('draft-sev2.md'));
  });

  it('has every section in order, the people-written ones empty', () => {
    const draft = generateDraft(SEV2_INCIDENT);
    expect(draft.sections.map((s) => s.key)).toEqual([...POSTMORTEM_SECTION_KEYS]);
    for (const key of ['contributing_factors', 'went_well', 'went_wrong', 'lucky']) expect(section(SEV2_INCIDENT, key)).toBe('');
  });

  it('titles the post-mortem with severity, number and title', () => {
    expect(generateDraft(SEV2_INCIDENT).title).toBe('SEV2 #42: Checkout errors after the 09:50 deploy');
  });

  it('measures impact from the first sign to resolution', () => {
    const { impact, moments } = generateDraft(SEV2_INCIDENT);
    expect(impact).toEqual({
      durationMinutes: 82,
      minutesToAcknowledge: 5,
      minutesToMitigate: 46,
      services: ['checkout', 'payments'],
      alertCount: 2,
      peoplePaged: ['Ana Lima', 'Priya Natarajan'],
      sleepHoursLost: 0,
    });
    expect(moments.detected?.toISOString()).toBe('2026-03-03T09:58:00.000Z');
    expect(moments.resolved?.toISOString()).toBe('2026-03-03T11:20:00.000Z');
  });

  it('uses the declaration when it came before any alert, and the incident’s resolution when the timeline has none', () => {
    const incident: DraftIncident = {
      ...SEV2_INCIDENT,
      timeline: [{ at: new Date('2026-03-03T10:10:00Z'), kind: 'note', actor: 'Ana Lima', text: 'Customers report errors' }],
    };
    const { impact } = generateDraft(incident);
    expect(impact.durationMinutes).toBe(80);
    expect(impact.minutesToAcknowledge).toBeNull();
    expect(section(incident, 'impact')).toContain('**Time to acknowledge:** not recorded');
  });

  it('says when an incident is not resolved', () => {
    const incident: DraftIncident = { ...SEV2_INCIDENT, resolvedAt: null, timeline: SEV2_INCIDENT.timeline.filter((e) => e.status !== 'resolved') };
    expect(generateDraft(incident).impact.durationMinutes).toBeNull();
    expect(section(incident, 'summary')).toContain('and is not resolved yet');
    expect(section(incident, 'impact')).toContain('**Duration:** not resolved');
  });

  it('lists at most 10 alerts and counts the rest', () => {
    const alerts = Array.from({ length: 13 }, (_, i) => ({ number: i + 1, summary: `Alert ${i + 1}`, service: null }));
    const text = section({ ...SEV2_INCIDENT, alerts }, 'impact');
    expect(text).toContain('- **Alerts:** 13');
    expect(text).toContain('  - #10 Alert 10');
    expect(text).not.toContain('#11 Alert 11');
    expect(text).toContain('  - and 3 more');
  });

  it('rounds sleep hours lost to a tenth and keeps the responders’ own summary', () => {
    const incident = { ...SEV2_INCIDENT, sleepHoursLost: 2.345, summary: 'A config push set **pool size 0**.' };
    expect(generateDraft(incident).impact.sleepHoursLost).toBe(2.3);
    expect(section(incident, 'summary')).toMatch(/paged\.\n\nA config push set \*\*pool size 0\*\*\.$/);
  });

  it('takes the gap threshold from the options', () => {
    expect(section(SEV2_INCIDENT, 'timeline', { gapMinutes: 40, timeZone: 'UTC' })).not.toContain('with nothing recorded');
    expect(section(SEV2_INCIDENT, 'timeline', { gapMinutes: 5, timeZone: 'UTC' }).match(/with nothing recorded/g)).toHaveLength(2);
  });

  it('writes times in the team’s zone, with dates when the incident crosses midnight there', () => {
    const text = section(SEV2_INCIDENT, 'timeline', { gapMinutes: 15, timeZone: 'Pacific/Auckland' });
    // 09:58 UTC on 3 March is 22:58 in Auckland (UTC+13); 11:20 UTC is 00:20 the next day.
    expect(text).toContain('- 2026-03-03 22:58 **Detected:**');
    expect(text).toContain('- 2026-03-04 00:20 **Resolved:**');
  });

  it('says where commands would come from when none were recorded', () => {
    const text = section({ ...SEV2_INCIDENT, commands: [], compensatingActions: [] }, 'commands');
    expect(text).toContain('`operable exec --incident 42 -- <command>`');
    expect(text).toContain('No compensating actions');
  });

  it('says so when the timeline is empty', () => {
    expect(section({ ...SEV2_INCIDENT, timeline: [] }, 'timeline')).toBe('_Nothing was recorded on the incident timeline._');
  });

  it('writes incident text literally: Markdown in titles and names is escaped', () => {
    const incident = { ...SEV2_INCIDENT, title: '*all* [regions] <down>', peoplePaged: ['_ops_'] };
    expect(section(incident, 'summary')).toContain('"\\*all\\* \\[regions\\] \\<down\\>"');
    expect(section(incident, 'impact')).toContain('**People paged:** \\_ops\\_');
  });
});

describe('markdown text', () => {
  it('escapes formatting and flattens lines', () => {
    expect(inline('a*b_c\n|d`')).toBe('a\\*b\\_c \\|d\\`');
  });

  it.each([
    ['ls -la', '`ls -la`'],
    ['echo `date`', '`` echo `date` ``'],
    ['`x`', '`` `x` ``'],
    ['a ``b`` c', '```a ``b`` c```'],
  ])('codeSpan(%j) = %j', (text, span) => {
    expect(codeSpan(text)).toBe(span);
  });
});
