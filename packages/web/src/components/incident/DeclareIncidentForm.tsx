import type { DeclareIncident, IncidentDetail } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useAnnounce } from '../../announcer';
import { incidentKeys } from '../../incident-queries';
import { useServices } from '../../queries';
import { errorFor, FormError, SelectField, TextField } from '../Field';

const SEVERITIES = [
  { value: 1, label: 'SEV1: critical, customers badly hit' },
  { value: 2, label: 'SEV2: major, a key feature is down' },
  { value: 3, label: 'SEV3: minor, degraded' },
  { value: 4, label: 'SEV4: low, no customer impact yet' },
];

/**
 * Declare an incident: from an alert (its title and service come with it) or by hand.
 * The person declaring becomes the commander; the incident page opens.
 */
export function DeclareIncidentForm({ alert, drill: asDrill = false, onClose }: { alert?: { id: string; summary: string; serviceId: string }; drill?: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const services = useServices({});
  const [title, setTitle] = useState(alert?.summary ?? '');
  const [severity, setSeverity] = useState(2);
  const [serviceId, setServiceId] = useState('');
  const [drill, setDrill] = useState(asDrill);
  const declare = useMutation({
    mutationFn: (body: DeclareIncident) => api.post<IncidentDetail>('/api/incidents', body),
    onSuccess: (i) => {
      qc.invalidateQueries({ queryKey: incidentKeys.all });
      qc.setQueryData(incidentKeys.one(String(i.number)), i);
      announce(`${i.drill ? 'Drill' : 'Incident'} #${i.number} declared (${i.severityName}). You are the commander.`);
      navigate(`/incidents/${i.number}`);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (declare.isPending) return;
    declare.mutate({ title: title.trim(), severity, alertIds: alert ? [alert.id] : [], serviceIds: !alert && serviceId ? [serviceId] : [], drill });
  }
  return (
    <form onSubmit={submit} noValidate className="form panel panel-highlight" aria-labelledby="declare-h">
      <h2 id="declare-h">{asDrill ? 'Run a drill' : 'Declare an incident'}</h2>
      {asDrill && (
        <p>
          A drill is a war game run through the real paging path: people are paged for real, every message says DRILL, response times are measured, and
          health numbers leave it out.
        </p>
      )}
      <FormError error={declare.error} shownFields={['title', 'severity', 'serviceIds']} title="Not declared." />
      <TextField label="Title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(declare.error, 'title')} />
      <SelectField label="Severity" value={String(severity)} onChange={(e) => setSeverity(Number(e.target.value))} error={errorFor(declare.error, 'severity')}>
        {SEVERITIES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      {!alert && (
        <SelectField label="Service (optional)" value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={errorFor(declare.error, 'serviceIds')}>
          <option value="">None yet</option>
          {services.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      )}
      <label className="check">
        <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
        This is a drill (real pages, marked DRILL; left out of health numbers)
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={declare.isPending}>
          {drill ? 'Start the drill' : 'Declare incident'}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
