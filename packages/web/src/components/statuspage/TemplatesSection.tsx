import type { StatuspageTemplate } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { deleteTemplate, useRefreshStatuspage, useSaveTemplate } from '../../statuspage-queries';
import { DangerButton } from '../DangerButton';
import { errorFor, FormActions, FormError, SelectField, TextAreaField, TextField } from '../Field';

type Kind = 'incident' | 'maintenance';

/** Words written calmly beforehand, so an update at 3 a.m. starts from them. */
export function TemplatesSection({ templates, canEdit }: { templates: StatuspageTemplate[]; canEdit: boolean }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      {templates.length === 0 ? (
        <p className="empty">No templates yet.{canEdit && ' Write the updates you post most, so nobody writes them under pressure.'}</p>
      ) : (
        <ul className="plain-list sp-templates" aria-label="Templates">
          {templates.map((t) => (
            <TemplateRow key={t.id} t={t} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {canEdit &&
        (adding ? (
          <TemplateForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add a template
          </button>
        ))}
    </>
  );
}

function TemplateRow({ t, canEdit }: { t: StatuspageTemplate; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const refresh = useRefreshStatuspage();
  const announce = useAnnounce();
  return (
    <li>
      <strong>{t.name}</strong> <span className="muted">({t.kind === 'incident' ? 'incident' : 'maintenance'}, {PUBLIC_STATUS_LABELS[t.status].toLowerCase()})</span>
      {editing ? (
        <TemplateForm template={t} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="clamp">{t.body}</p>
          {canEdit && (
            <div className="method-actions">
              <button type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit template ${t.name}`}>
                Edit
              </button>
              <DangerButton
                small
                label="Remove"
                ariaLabel={`Remove template ${t.name}`}
                title={`Remove the template “${t.name}”?`}
                confirmLabel="Remove template"
                action={() => deleteTemplate(t.id)}
                onDone={() => {
                  void refresh();
                  announce(`Template “${t.name}” removed.`);
                }}
              >
                <p>Nobody can start an update from it any more. Updates already posted from it stay as they are.</p>
              </DangerButton>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** A new template, or changes to one (its kind stays: the statuses it may set depend on it). */
function TemplateForm({ template, onDone }: { template?: StatuspageTemplate; onDone: () => void }) {
  const save = useSaveTemplate(template?.id);
  const announce = useAnnounce();
  const [name, setName] = useState(template?.name ?? '');
  const [kind, setKind] = useState<Kind>(template?.kind ?? 'incident');
  const [status, setStatus] = useState<string>(template?.status ?? 'investigating');
  const [body, setBody] = useState(template?.body ?? '');
  const statuses = kind === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ name, kind, status, body }, { onSuccess: (t) => (announce(`Template “${t.name}” saved.`), onDone()) });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={template ? `Edit template ${template.name}` : 'New template'}>
      <FormError error={save.error} shownFields={['name', 'kind', 'status', 'body']} />
      <TextField label="Template name" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.error, 'name')} required />
      <div className="row">
        {!template && (
          <SelectField
            label="For"
            value={kind}
            onChange={(e) => {
              const k = e.target.value as Kind;
              setKind(k);
              setStatus(k === 'incident' ? 'investigating' : 'scheduled');
            }}
          >
            <option value="incident">Incidents</option>
            <option value="maintenance">Maintenance</option>
          </SelectField>
        )}
        <SelectField label="Status it sets" value={status} onChange={(e) => setStatus(e.target.value)} error={errorFor(save.error, 'status')}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {PUBLIC_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField label="Message" rows={3} value={body} onChange={(e) => setBody(e.target.value)} error={errorFor(save.error, 'body')} required />
      <FormActions submit="Save template" pending={save.isPending} onCancel={onDone} />
    </form>
  );
}
