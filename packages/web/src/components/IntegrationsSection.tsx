import type { CreateIntegration, Integration, Service } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { KIND_LABELS, KIND_ORDER, type IntegrationKind } from '../integration-examples';
import { keys, useIntegrations } from '../queries';
import { errorFor, FormError, SelectField, TextField } from './Field';
import { IntegrationCard } from './IntegrationCard';
import { Loading, QueryError } from './Page';

const KIND_HELP: Record<IntegrationKind, string> = {
  alertmanager: 'Prometheus Alertmanager’s webhook receiver.',
  grafana: 'A Grafana webhook contact point.',
  pagerduty: 'Anything that can send to PagerDuty (Events API v2): point it at Operable instead.',
  opsgenie: 'Anything that uses the Opsgenie Alert API: point it at Operable instead.',
  generic: 'Any tool or script that can POST JSON.',
  heartbeat: 'A job that checks in regularly; Operable raises an alert when it goes quiet.',
};

/** How alerts reach a service: its integrations, each with its URL, key and examples. */
export function IntegrationsSection({ service, canEdit, timeZone }: { service: Service; canEdit: boolean; timeZone: string }) {
  const list = useIntegrations(service.id);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // Take people to the integration they just made: its key and examples are what they need next.
  useEffect(() => {
    if (created && list.data?.some((i) => i.id === created)) document.getElementById(`integration-${created}`)?.focus();
  }, [created, list.data]);

  return (
    <section aria-labelledby="integrations-h">
      <h2 id="integrations-h">Integrations</h2>
      <p className="muted">Integrations are how monitoring tools send alerts to {service.name}. Each has its own key.</p>
      {canEdit &&
        (adding ? (
          <AddIntegration
            serviceId={service.id}
            onClose={(id) => {
              setAdding(false);
              if (id) setCreated(id);
              else addButton.current?.focus();
            }}
          />
        ) : (
          <button ref={addButton} type="button" className="btn" onClick={() => setAdding(true)}>
            Add integration
          </button>
        ))}
      {list.isPending ? (
        <Loading what="Loading integrations" />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="empty integration-list">No integrations yet, so nothing can send alerts to this service{canEdit ? '. Add one to get a URL and key.' : '.'}</p>
      ) : (
        <ul className="integration-list">
          {list.data.map((i) => (
            <IntegrationCard key={i.id} integration={i} canEdit={canEdit} timeZone={timeZone} highlight={i.id === created} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddIntegration({ serviceId, onClose }: { serviceId: string; onClose: (createdId?: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<IntegrationKind>('alertmanager');
  const [interval, setIntervalMinutes] = useState('10');

  const create = useMutation({
    mutationFn: (body: CreateIntegration) => api.post<Integration>(`/api/services/${serviceId}/integrations`, body),
    onSuccess: (i) => {
      qc.setQueryData<Integration[]>(keys.integrations(serviceId), (old) => (old ? [...old.filter((x) => x.id !== i.id), i] : old));
      qc.invalidateQueries({ queryKey: keys.integrations(serviceId) });
      announce(`Integration “${i.name}” added. Its URL, key and examples are below.`);
      onClose(i.id);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    const body: CreateIntegration = { name: name.trim() || KIND_LABELS[kind], kind };
    if (kind === 'heartbeat') body.heartbeatIntervalMinutes = Number(interval) || 0;
    create.mutate(body);
  }

  return (
    <section className="panel" aria-labelledby="add-integration-h">
      <h3 id="add-integration-h">Add an integration</h3>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={create.error} shownFields={['name', 'kind', 'heartbeatIntervalMinutes']} title="Not added." />
        <SelectField label="Kind" autoFocus value={kind} onChange={(e) => setKind(e.target.value as IntegrationKind)} error={errorFor(create.error, 'kind')} hint={KIND_HELP[kind]}>
          {KIND_ORDER.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Name"
          maxLength={200}
          placeholder={KIND_LABELS[kind]}
          hint="What sends to it, e.g. “Prometheus prod”. Leave empty to use the kind’s name."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorFor(create.error, 'name')}
        />
        {kind === 'heartbeat' && (
          <TextField
            label="Expected interval (minutes)"
            type="number"
            inputMode="numeric"
            min={1}
            max={10080}
            required
            hint="If no beat arrives for this long, Operable raises an alert."
            value={interval}
            onChange={(e) => setIntervalMinutes(e.target.value)}
            error={errorFor(create.error, 'heartbeatIntervalMinutes')}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
            Add integration
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => onClose()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
