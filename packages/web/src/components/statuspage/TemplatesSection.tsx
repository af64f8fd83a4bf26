import type { StatuspageTemplate } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { useCreateTemplate } from '../../statuspage-queries';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../Field';

/** Words written calmly beforehand, so an update at 3 a.m. starts from them. */
export function TemplatesSection({ templates, canEdit }: { templates: StatuspageTemplate[]; canEdit: boolean }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      {templates.length === 0 ? (
        <p className="empty">No templates yet.{canEdit && ' Write the updates you post most, so nobody writes them under pressure.'}</p>
      ) : (
        <ul className="plain-list" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> <span className="muted">({t.kind === 'incident' ? 'incident' : 'maintenance'}, {PUBLIC_STATUS_LABELS[t.status].toLowerCase()})</span>
              <p className="clamp">{t.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canEdit &&
        (adding ? (
          <NewTemplateForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add a template
          </button>
        ))}
    </>
  );
}

function NewTemplateForm({ onDone }: { onDone: () => void }) {
  const create = useCreateTemplate();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'incident' | 'maintenance'>('incident');
  const [status, setStatus] = useState<string>('investigating');
  const [body, setBody] = useState('');
  const statuses = kind === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, kind, status, body }, { onSuccess: (t) => (announce(`Template “${t.name}” saved.`), onDone()) });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New template">
      <FormError error={create.error} shownFields={['name', 'kind', 'status', 'body']} />
      <TextField label="Template name" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(create.error, 'name')} required />
      <div className="row">
        <SelectField
          label="For"
          value={kind}
          onChange={(e) => {
            const k = e.target.value as 'incident' | 'maintenance';
            setKind(k);
            setStatus(k === 'incident' ? 'investigating' : 'scheduled');
          }}
        >
          <option value="incident">Incidents</option>
          <option value="maintenance">Maintenance</option>
        </SelectField>
        <SelectField label="Status it sets" value={status} onChange={(e) => setStatus(e.target.value)} error={errorFor(create.error, 'status')}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {PUBLIC_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField label="Message" rows={3} value={body} onChange={(e) => setBody(e.target.value)} error={errorFor(create.error, 'body')} required />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Save template
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
