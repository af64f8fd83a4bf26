import type { PublicIncident, StatuspageComponent } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { useViewerZone } from '../../session';
import { isOpen, leafComponents } from '../../statuspage-format';
import { useEditIncident, type IncidentEdit } from '../../statuspage-queries';
import { fromLocalInput, toLocalInput } from '../../zoned-time';
import { errorFor, FormActions, FormError, TextField } from '../Field';
import { PublicEventFields, usePublicEventDraft } from './PublicEventFields';

interface Props {
  incident: PublicIncident;
  components: StatuspageComponent[];
  onDone: () => void;
}

const SHOWN = ['name', 'impact', 'componentIds', 'nextUpdateAt', 'scheduledFor', 'scheduledUntil', 'autoTransition'];

/**
 * Corrects an incident or maintenance without posting an update: its title, impact,
 * components, times and the promised next update. Subscribers hear nothing of it.
 */
export function EditIncidentForm({ incident: i, components, onDone }: Props) {
  const zone = useViewerZone();
  const announce = useAnnounce();
  const edit = useEditIncident(i.id);
  const leaves = leafComponents(components);
  const local = (iso: string | null) => (iso ? toLocalInput(Date.parse(iso), zone) : '');
  // A component removed since is gone for good: keeping it would only be refused.
  const draft = usePublicEventDraft({
    name: i.name,
    impact: i.impact,
    from: local(i.scheduledFor),
    until: local(i.scheduledUntil),
    chosen: i.componentIds.filter((id) => leaves.some((c) => c.id === id)),
  });
  const { name, impact, from, until, chosen } = draft;
  const [next, setNext] = useState(local(i.nextUpdateAt));
  const [auto, setAuto] = useState(i.autoTransition);
  const isIncident = i.kind === 'incident';
  const open = isOpen(i);

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = (v: string) => {
      const ms = v ? fromLocalInput(v, zone) : null;
      return ms === null ? null : new Date(ms).toISOString();
    };
    const patch: IncidentEdit = { name, componentIds: chosen };
    if (isIncident) patch.impact = impact;
    else Object.assign(patch, { scheduledFor: at(from) ?? '', scheduledUntil: at(until) ?? '', autoTransition: auto });
    if (open) patch.nextUpdateAt = at(next);
    edit.mutate(patch, {
      onSuccess: (after) => {
        announce(`${isIncident ? 'Incident' : 'Maintenance'} “${after.name}” corrected.`);
        onDone();
      },
    });
  }

  return (
    <form className="form sp-edit-form" onSubmit={submit} noValidate aria-label={`Edit ${i.name}`}>
      <p className="muted">Corrects what the page shows. It posts no update and tells no subscriber.</p>
      <FormError error={edit.error} shownFields={SHOWN} />
      <PublicEventFields
        isIncident={isIncident}
        draft={draft}
        error={edit.error}
        leaves={leaves}
        windowExtra={
          <label className="check">
            <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
            Start and complete it by itself at these times
          </label>
        }
      />
      {open && (
        <TextField
          label="Next update by"
          hint="Leave empty if none is promised."
          type="datetime-local"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errorFor(edit.error, 'nextUpdateAt')}
        />
      )}
      <FormActions submit={edit.isPending ? 'Saving…' : 'Save changes'} pending={edit.isPending} onCancel={onDone} />
    </form>
  );
}
