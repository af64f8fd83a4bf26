import type { ChecklistItem, IncidentTimelineEntry, KeyMoment } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import { conflict, notFound } from '../lib/errors.js';
import { loadForChange, recordChange, who } from './access.js';
import { checklistOf, findChecklistItem, insertChecklistItems, nextChecklistPosition, setChecklistDone } from './extras-repository.js';
import { findTimelineEntry, setKeyMoment } from './repository.js';
import { toTimelineEntry } from './views.js';

/** A markdown note on the timeline; optionally marking a key moment ("mitigated: rolled back"). */
export async function addNote(ctx: Ctx, ref: string, input: { text: string; keyMoment?: KeyMoment }): Promise<IncidentTimelineEntry> {
  const incident = await loadForChange(ctx, ref);
  const row = await recordChange(ctx, incident, { kind: 'note', text: input.text }, { action: 'incident.note', after: { length: input.text.length } });
  if (input.keyMoment) await setKeyMoment(ctx.db, incident.id, row.id, input.keyMoment);
  return toTimelineEntry({ ...row, key_moment: input.keyMoment ?? row.key_moment });
}

/** Moves a key moment to this entry (an incident has one of each), or clears the entry's mark. */
export async function markKeyMoment(ctx: Ctx, ref: string, entryId: string, moment: KeyMoment | null): Promise<IncidentTimelineEntry> {
  const incident = await loadForChange(ctx, ref);
  const entry = await findTimelineEntry(ctx.db, incident.id, Number(entryId));
  if (!entry) throw notFound('Timeline entry', entryId);
  if (!moment && !entry.key_moment) throw conflict('The entry is not marked');
  await setKeyMoment(ctx.db, incident.id, entry.id, moment);
  await recordChange(
    ctx,
    incident,
    {
      kind: 'key_moment',
      text: moment ? `${who(ctx)} marked “${short(entry.text)}” as ${moment}` : `${who(ctx)} unmarked “${short(entry.text)}” (was ${entry.key_moment})`,
      data: { entryId: String(entry.id), moment, previous: entry.key_moment },
    },
    { action: 'incident.key_moment', before: { entryId: String(entry.id), moment: entry.key_moment }, after: { entryId: String(entry.id), moment } },
  );
  return toTimelineEntry({ ...entry, key_moment: moment });
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

export async function addChecklistItem(ctx: Ctx, ref: string, text: string): Promise<ChecklistItem[]> {
  const incident = await loadForChange(ctx, ref);
  const [item] = await insertChecklistItems(ctx.db, [{ incident_id: incident.id, position: await nextChecklistPosition(ctx.db, incident.id), text }]);
  await recordChange(ctx, incident, { kind: 'checklist_added', text: `${who(ctx)} added to the checklist: ${text}`, data: { itemId: item!.id, text } }, { action: 'incident.checklist_add', after: { itemId: item!.id, text } });
  return checklist(ctx, incident.id);
}

/** Ticks (or unticks) an item; who and when go on the item and the timeline. */
export async function tickChecklistItem(ctx: Ctx, ref: string, itemId: string, done: boolean): Promise<ChecklistItem[]> {
  const incident = await loadForChange(ctx, ref);
  const item = await findChecklistItem(ctx.db, incident.id, itemId);
  if (!item) throw notFound('Checklist item', itemId);
  if (!!item.done_at === done) throw conflict(done ? 'Already ticked' : 'Not ticked');
  const now = ctx.clock.now();
  await setChecklistDone(ctx.db, itemId, done ? now : null, done ? ctx.actor.userId : null);
  await recordChange(
    ctx,
    incident,
    { kind: 'checklist_ticked', text: done ? `${who(ctx)} ticked “${item.text}”` : `${who(ctx)} unticked “${item.text}”`, data: { itemId, text: item.text, done } },
    { action: 'incident.checklist_tick', before: { itemId, done: !done }, after: { itemId, done } },
  );
  return checklist(ctx, incident.id);
}

async function checklist(ctx: Ctx, incidentId: string): Promise<ChecklistItem[]> {
  return (await checklistOf(ctx.db, incidentId)).map((c) => ({
    id: c.id,
    position: c.position,
    text: c.text,
    serviceId: c.service_id,
    doneAt: c.done_at?.toISOString() ?? null,
    doneBy: c.done_by && c.done_by_name ? { id: c.done_by, name: c.done_by_name } : null,
  }));
}
