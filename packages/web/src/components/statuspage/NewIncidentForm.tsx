import type { ComponentStatus, StatuspageComponent } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { useIncidents } from '../../incident-queries';
import { useViewerZone } from '../../session';
import { COMPONENT_STATUS_LABELS, leafComponents } from '../../statuspage-format';
import { useCreateIncident } from '../../statuspage-queries';
import { fromLocalInput } from '../../zoned-time';
import { errorFor, FormActions, FormError, SelectField, TextAreaField } from '../Field';
import { PublicEventFields, usePublicEventDraft } from './PublicEventFields';

interface Props {
  kind: 'incident' | 'maintenance';
  components: StatuspageComponent[];
  onDone: () => void;
}

const SHOWN = ['name', 'impact', 'body', 'componentIds', 'componentStatuses', 'internalIncidentId', 'scheduledFor', 'scheduledUntil'];
const HIT_STATUSES: ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];

/** Opens a public incident (published at once, with its first update) or schedules maintenance. */
export function NewIncidentForm({ kind, components, onDone }: Props) {
  const zone = useViewerZone();
  const announce = useAnnounce();
  const create = useCreateIncident();
  const internal = useIncidents('open');
  const leaves = leafComponents(components);
  const draft = usePublicEventDraft({ name: '', impact: 'minor', from: '', until: '', chosen: [] });
  const { name, impact, from, until, chosen } = draft;
  const [body, setBody] = useState('');
  const [hit, setHit] = useState<ComponentStatus>('partial_outage');
  const [link, setLink] = useState('');
  const isIncident = kind === 'incident';

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = (v: string) => {
      const ms = fromLocalInput(v, zone);
      return ms === null ? '' : new Date(ms).toISOString();
    };
    create.mutate(
      isIncident
        ? { kind, name, impact, body, componentIds: chosen, componentStatuses: Object.fromEntries(chosen.map((id) => [id, hit])), internalIncidentId: link || null }
        : { kind, name, body, componentIds: chosen, scheduledFor: at(from), scheduledUntil: at(until) },
      {
        onSuccess: (made) => {
          announce(isIncident ? `Incident “${made.name}” is public now.` : `Maintenance “${made.name}” is scheduled and shown on the page.`);
          onDone();
        },
      },
    );
  }

  return (
    <form className="form sp-new-form" onSubmit={submit} noValidate aria-label={isIncident ? 'New public incident' : 'Schedule maintenance'}>
      <FormError error={create.error} shownFields={SHOWN} />
      <PublicEventFields isIncident={isIncident} draft={draft} error={create.error} leaves={leaves} />
      {isIncident && chosen.length > 0 && (
        <SelectField label="Show them as" value={hit} onChange={(e) => setHit(e.target.value as ComponentStatus)} hint="Set by hand until the incident is resolved.">
          {HIT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMPONENT_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      )}
      {isIncident && (internal.data?.length ?? 0) > 0 && (
        <SelectField
          label="Internal incident it speaks for"
          hint="Lets you draft updates from its status updates. Nothing internal is published unless you post it."
          value={link}
          onChange={(e) => setLink(e.target.value)}
          error={errorFor(create.error, 'internalIncidentId')}
        >
          <option value="">None</option>
          {internal.data!.map((i) => (
            <option key={i.id} value={i.id}>
              #{i.number} {i.title}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField label={isIncident ? 'First update to customers' : 'What customers should know'} rows={4} value={body} onChange={(e) => setBody(e.target.value)} error={errorFor(create.error, 'body')} required />
      <FormActions submit={isIncident ? 'Publish incident' : 'Schedule maintenance'} pending={create.isPending} onCancel={onDone} />
    </form>
  );
}
