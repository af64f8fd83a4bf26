import type { Alert, RaiseAlert } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { keys, useServices } from '../queries';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from './Field';
import { Loading, QueryError } from './Page';

const FIELDS = ['serviceId', 'summary', 'urgency', 'details'];

/** Page a service by hand: raise an alert that goes through its escalation policy. */
export function PageServiceForm({ onClose, serviceId: initialService = '' }: { onClose: () => void; serviceId?: string }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const services = useServices({});
  const [serviceId, setServiceId] = useState(initialService);
  const [summary, setSummary] = useState('');
  const [urgency, setUrgency] = useState<'high' | 'low'>('high');
  const [details, setDetails] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (body: RaiseAlert) => api.post<Alert>('/api/alerts', body),
    onSuccess: (alert) => {
      qc.invalidateQueries({ queryKey: keys.alerts() });
      announce(
        alert.suppressedBy
          ? `Alert #${alert.number} recorded: ${alert.serviceName} is in maintenance, so nobody is paged.`
          : `Alert #${alert.number} raised: paging ${alert.serviceName}.`,
      );
      navigate(`/alerts/${alert.id}`);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    if (!serviceId) return setLocalError('Choose the service to page.');
    if (!summary.trim()) return setLocalError('Say what is wrong in the summary.');
    setLocalError(null);
    const body: RaiseAlert = { serviceId, summary: summary.trim(), urgency };
    if (details.trim()) body.details = { description: details.trim() };
    create.mutate(body);
  }

  return (
    <section className="panel" aria-labelledby="page-service-h">
      <h2 id="page-service-h">Page a service</h2>
      <p className="muted">This raises an alert on the service and notifies people through its escalation policy.</p>
      {services.isPending ? (
        <Loading what="Loading services" />
      ) : services.isError ? (
        <QueryError error={services.error} retry={() => services.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <FormError error={localError ?? create.error} shownFields={FIELDS} title="Nobody paged." />
          <SelectField label="Service to page" required autoFocus value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={errorFor(create.error, 'serviceId')}>
            <option value="">Choose a service…</option>
            {services.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Summary"
            required
            maxLength={1024}
            hint="What is wrong, in a line. This is what people are woken with."
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            error={errorFor(create.error, 'summary')}
          />
          <SelectField
            label="Page urgency"
            value={urgency}
            onChange={(e) => setUrgency(e.target.value as 'high' | 'low')}
            error={errorFor(create.error, 'urgency')}
            hint="High urgency notifies at any hour; low urgency waits for working hours."
          >
            <option value="high">High: wake people up</option>
            <option value="low">Low: during working hours</option>
          </SelectField>
          <TextAreaField label="Details (optional)" rows={3} value={details} onChange={(e) => setDetails(e.target.value)} error={errorFor(create.error, 'details')} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
              Send page
            </button>
            <button type="button" className="btn btn-quiet" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
