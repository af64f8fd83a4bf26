import type { Slo } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { useServices } from '../queries';
import { useCurrentUser } from '../session';
import { sloKeys } from '../slo-queries';

const NO_FILTERS = {};
const SHOWN = ['serviceId', 'format', 'spec', 'prometheusUrl'];

/** Paste an OpenSLO v1 or Sloth file: its SLOs are created for one service, all or none. */
export function SloImportPage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const services = useServices(NO_FILTERS);
  const navigate = useNavigate();
  const announce = useAnnounce();
  const qc = useQueryClient();
  const [serviceId, setServiceId] = useState(params.get('serviceId') ?? '');
  const [format, setFormat] = useState<'openslo' | 'sloth'>('openslo');
  const [spec, setSpec] = useState('');
  const [prometheusUrl, setPrometheusUrl] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post<{ items: Slo[] }>('/api/slos/import', { serviceId, format, spec, ...(prometheusUrl.trim() ? { prometheusUrl: prometheusUrl.trim() } : {}) }).then((r) => r.items),
    onSuccess: (items) => {
      void qc.invalidateQueries({ queryKey: sloKeys.all });
      announce(`Imported ${items.length} SLO${items.length === 1 ? '' : 's'}.`);
      navigate(`/slos?serviceId=${encodeURIComponent(serviceId)}`);
    },
  });

  if (services.isPending) return <Loading what="Loading services" />;
  if (services.isError) return <QueryError error={services.error} retry={() => services.refetch()} />;
  const mine = services.data.filter((s) => me.role === 'admin' || me.teamIds.includes(s.teamId));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  }

  return (
    <Page title="Import SLOs" back={{ to: '/slos', label: 'SLOs' }}>
      <p>
        Paste an OpenSLO v1 or Sloth file. Each SLO in it is created for the service you choose; if one cannot be, none are. With a Prometheus URL, SLOs whose
        spec has queries read their counts from it once a minute; otherwise counts are pushed to the API.
      </p>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={save.error} shownFields={SHOWN} />
        <SelectField label="Service" value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={errorFor(save.error, 'serviceId')} required>
          <option value="">Choose a service</option>
          {mine.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as 'openslo' | 'sloth')} error={errorFor(save.error, 'format')}>
          <option value="openslo">OpenSLO v1</option>
          <option value="sloth">Sloth (prometheus/v1)</option>
        </SelectField>
        <TextAreaField label="YAML" rows={14} value={spec} onChange={(e) => setSpec(e.target.value)} error={errorFor(save.error, 'spec')} spellCheck={false} className="mono" />
        <TextField
          label="Prometheus URL (optional)"
          hint="e.g. http://prometheus:9090; an internal address must be allowed by the admin (OPERABLE_OUTBOUND_ALLOW)"
          value={prometheusUrl}
          onChange={(e) => setPrometheusUrl(e.target.value)}
          error={errorFor(save.error, 'prometheusUrl')}
          inputMode="url"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Importing…' : 'Import SLOs'}
          </button>
        </div>
      </form>
    </Page>
  );
}
