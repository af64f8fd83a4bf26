import type { Alert, RaiseAlert } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { keys, useServices } from '../queries';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from './Field';
import { Loading, QueryError } from './Page';
import { joinNames, PreviewSteps, usePagingPreview } from './PagingPreviewPanel';

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
  const preview = usePagingPreview('service', serviceId, urgency);
  const reachesNobody = preview.data?.reachesAnyone === false;

  const create = useMutation({
    mutationFn: (body: RaiseAlert) => api.post<Alert>('/api/alerts', body),
    onSuccess: (alert) => {
      qc.invalidateQueries({ queryKey: keys.alerts() });
      const reached = preview.data?.firstReached.map((p) => p.name) ?? [];
      announce(
        alert.suppressedBy
          ? `Alert #${alert.number} recorded: ${alert.serviceName} is in maintenance, so nobody is paged.`
          : reachesNobody
            ? `Alert #${alert.number} recorded, but nobody is paged: ${preview.data?.reason ?? 'nobody can be reached.'}`
            : `Alert #${alert.number} raised${reached.length ? `: notifying ${joinNames(reached)}` : ''}.`,
        alert.suppressedBy ? 'info' : reachesNobody ? 'error' : 'success',
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
          {serviceId && (
            <div className="paging-preview" aria-live="polite">
              {preview.isPending ? (
                <p className="muted">Checking who this would reach…</p>
              ) : preview.isError ? (
                <p className="muted">Couldn’t check who this would reach.</p>
              ) : reachesNobody ? (
                <div className="alert alert-error alert-loud">
                  <p>
                    <strong>This page would reach nobody.</strong> {preview.data.reason}
                  </p>
                  <PreviewSteps preview={preview.data} />
                  <p>The alert is still recorded if you send it, but no one will be notified. Call someone directly.</p>
                </div>
              ) : (
                <div className="alert alert-info">
                  <p>
                    <strong>Who this reaches:</strong>
                  </p>
                  <PreviewSteps preview={preview.data} />
                </div>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className={`btn ${reachesNobody ? 'btn-danger' : 'btn-primary'}`} aria-disabled={create.isPending}>
              {reachesNobody ? 'Record alert (nobody is paged)' : 'Send page'}
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
