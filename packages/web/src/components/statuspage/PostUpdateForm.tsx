import type { ProposedPublicUpdate, PublicIncident, StatuspageTemplate } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { errorMessage } from '../../api';
import { formatMoment } from '../../schedule-layout';
import { useViewerZone } from '../../session';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { fetchProposal, usePostUpdate } from '../../statuspage-queries';
import { fromLocalInput, toLocalInput } from '../../zoned-time';
import { errorFor, FormActions, FormError, SelectField, TextAreaField, TextField } from '../Field';

interface Props {
  incident: PublicIncident;
  templates: StatuspageTemplate[];
  onDone: () => void;
}

/**
 * The next public update of an incident or maintenance. For an incident linked to an
 * internal one, "Draft from internal update" fills the form from its latest status
 * update; the person edits it for customers, and only "Post update" publishes.
 */
export function PostUpdateForm({ incident, templates, onDone }: Props) {
  const zone = useViewerZone();
  const announce = useAnnounce();
  const post = usePostUpdate(incident.id);
  const statuses = incident.kind === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;
  const [status, setStatus] = useState<string>(incident.status);
  const [body, setBody] = useState('');
  const [next, setNext] = useState(incident.nextUpdateAt ? toLocalInput(Date.parse(incident.nextUpdateAt), zone) : '');
  const [draftFrom, setDraftFrom] = useState<ProposedPublicUpdate['from'] | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const closing = ['resolved', 'postmortem', 'completed'].includes(status);
  const usable = templates.filter((t) => t.kind === incident.kind);

  async function draft() {
    setDrafting(true);
    setDraftError(null);
    try {
      const p = await fetchProposal(incident.id);
      setStatus(p.status);
      setBody(p.body);
      setNext(p.nextUpdateAt ? toLocalInput(Date.parse(p.nextUpdateAt), zone) : '');
      setDraftFrom(p.from);
      announce(`Drafted from incident #${p.from.incidentNumber}. Edit it for customers, then post it.`);
    } catch (e) {
      setDraftError(errorMessage(e));
    } finally {
      setDrafting(false);
    }
  }

  function applyTemplate(templateId: string) {
    const t = usable.find((x) => x.id === templateId);
    if (!t) return;
    setStatus(t.status);
    setBody(t.body);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = next ? fromLocalInput(next, zone) : null;
    post.mutate(
      { status, body, nextUpdateAt: closing || at === null ? null : new Date(at).toISOString() },
      {
        onSuccess: () => {
          announce(`Update posted on ${incident.name}: it is public now.`);
          onDone();
        },
      },
    );
  }

  return (
    <form className="form sp-update-form" onSubmit={submit} noValidate aria-label={`Post an update on ${incident.name}`}>
      <FormError error={post.error} shownFields={['status', 'body', 'nextUpdateAt']} />
      {incident.internalIncidentId && (
        <div className="sp-draft-row">
          <button type="button" className="btn" onClick={draft} disabled={drafting}>
            {drafting ? 'Drafting…' : 'Draft from internal update'}
          </button>
          <div aria-live="polite">
            {draftFrom && (
              <p className="muted">
                Drafted from #{draftFrom.incidentNumber} {draftFrom.incidentTitle}, {draftFrom.author} at {formatMoment(draftFrom.at, zone)}. Edit it for customers:
                nothing is public until you post it.
              </p>
            )}
            {draftError && <p className="field-error">{draftError}</p>}
          </div>
        </div>
      )}
      {usable.length > 0 && (
        <SelectField label="Start from a template" value="" onChange={(e) => applyTemplate(e.target.value)}>
          <option value="">Choose a template…</option>
          {usable.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({PUBLIC_STATUS_LABELS[t.status]})
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)} error={errorFor(post.error, 'status')}>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {PUBLIC_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Message to customers" rows={4} value={body} onChange={(e) => setBody(e.target.value)} error={errorFor(post.error, 'body')} required />
      {!closing && (
        <TextField
          label="Next update by"
          hint="Shown on the page while it is open. Leave empty if none is promised."
          type="datetime-local"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errorFor(post.error, 'nextUpdateAt')}
        />
      )}
      <FormActions submit={post.isPending ? 'Posting…' : 'Post update'} pending={post.isPending} onCancel={onDone} />
    </form>
  );
}
