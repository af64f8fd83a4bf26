import { DNS_RECORD_TYPES, type Check } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { bodyOf, draftOf, emptyDraft, type CheckDraft } from '../check-draft';
import { useCheck, useSaveCheck, useTestCheck } from '../check-queries';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { useServices } from '../queries';
import { canEditTeamServices, useCurrentUser } from '../session';

const KINDS = [
  { value: 'http', label: 'Web page or API (HTTP)' },
  { value: 'tcp', label: 'Port open (TCP)' },
  { value: 'tls', label: 'Certificate expiry (TLS)' },
  { value: 'dns', label: 'DNS record' },
] as const;

const NO_FILTERS = {};

export function NewCheckPage() {
  return <CheckForm title="New check" initial={emptyDraft()} />;
}

export function EditCheckPage() {
  const { id = '' } = useParams();
  const check = useCheck(id);
  if (check.isPending) return <Loading what="Loading the check" />;
  if (check.isError) return <QueryError error={check.error} retry={() => check.refetch()} />;
  return <CheckForm title={`Edit ${check.data.name}`} initial={draftOf(check.data)} existing={check.data} />;
}

function CheckForm({ title, initial, existing }: { title: string; initial: CheckDraft; existing?: Check }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const services = useServices(NO_FILTERS);
  const editable = (services.data ?? []).filter((s) => canEditTeamServices(user, s.teamId));
  const [d, setDraft] = useState<CheckDraft>(() => (initial.serviceId || !editable[0] ? initial : { ...initial, serviceId: editable[0].id }));
  const set = (patch: Partial<CheckDraft>) => setDraft((prev) => ({ ...prev, ...patch }));
  const save = useSaveCheck(existing?.id);
  const test = useTestCheck();
  const error = save.error ?? test.error;
  const serviceId = d.serviceId || editable[0]?.id || '';

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(bodyOf({ ...d, serviceId }), { onSuccess: (saved) => navigate(`/checks/${saved.id}`) });
  }

  const field = (name: string) => errorFor(error, name);
  return (
    <Page title={title} back={{ to: existing ? `/checks/${existing.id}` : '/checks', label: existing ? existing.name : 'Checks' }}>
      <form className="form check-form" onSubmit={submit} noValidate>
        <TextField label="Name" value={d.name} onChange={(e) => set({ name: e.target.value })} error={field('name')} required />
        <SelectField label="Service" hint="Its alert is raised on this service, paging whoever is on call for it." value={serviceId} onChange={(e) => set({ serviceId: e.target.value })} error={field('serviceId')}>
          {editable.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>What to check</legend>
          {KINDS.map((k) => (
            <label key={k.value} className="check">
              <input type="radio" name="kind" value={k.value} checked={d.kind === k.value} onChange={() => set({ kind: k.value })} />
              {k.label}
            </label>
          ))}
        </fieldset>

        {d.kind === 'http' && (
          <>
            <TextField label="URL" type="url" value={d.url} onChange={(e) => set({ url: e.target.value })} error={field('http.url')} spellCheck={false} />
            <SelectField label="Method" value={d.method} onChange={(e) => set({ method: e.target.value })} error={field('http.method')}>
              {['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </SelectField>
            <TextField label="Expected status" hint="Codes separated by commas; empty accepts any 2xx." value={d.expectedStatus} onChange={(e) => set({ expectedStatus: e.target.value })} error={field('http.expectedStatus')} inputMode="numeric" />
            <TextField label="Keyword" hint="Text the page must contain (or must not)." value={d.keyword} onChange={(e) => set({ keyword: e.target.value })} error={field('http.keyword')} />
            {d.keyword && (
              <SelectField label="The keyword must be" value={d.keywordMode} onChange={(e) => set({ keywordMode: e.target.value as 'present' | 'absent' })}>
                <option value="present">present</option>
                <option value="absent">absent</option>
              </SelectField>
            )}
            <TextField label="Slower than this counts as down (ms)" value={d.maxLatencyMs} onChange={(e) => set({ maxLatencyMs: e.target.value })} error={field('http.maxLatencyMs')} inputMode="numeric" />
            <TextAreaField label="Headers" hint="One “Name: value” per line." value={d.headers} onChange={(e) => set({ headers: e.target.value })} error={field('http.headers')} rows={2} spellCheck={false} />
            <label className="check">
              <input type="checkbox" checked={d.followRedirects} onChange={(e) => set({ followRedirects: e.target.checked })} />
              Follow redirects
            </label>
          </>
        )}
        {(d.kind === 'tcp' || d.kind === 'tls') && (
          <>
            <TextField label="Host" value={d.host} onChange={(e) => set({ host: e.target.value })} error={field(`${d.kind}.host`)} spellCheck={false} />
            <TextField label="Port" value={d.port} placeholder={d.kind === 'tls' ? '443' : ''} onChange={(e) => set({ port: e.target.value })} error={field(`${d.kind}.port`)} inputMode="numeric" />
          </>
        )}
        {d.kind === 'tls' && <TextField label="Down when the certificate expires in fewer than (days)" value={d.minDaysLeft} onChange={(e) => set({ minDaysLeft: e.target.value })} error={field('tls.minDaysLeft')} inputMode="numeric" />}
        {(d.kind === 'http' || d.kind === 'tls') && (
          <label className="check">
            <input type="checkbox" checked={d.verifyTls} onChange={(e) => set({ verifyTls: e.target.checked })} />
            Verify the TLS certificate
          </label>
        )}
        {d.kind === 'dns' && (
          <>
            <TextField label="Name" value={d.dnsName} onChange={(e) => set({ dnsName: e.target.value })} error={field('dns.name')} spellCheck={false} />
            <SelectField label="Record type" value={d.recordType} onChange={(e) => set({ recordType: e.target.value })} error={field('dns.recordType')}>
              {DNS_RECORD_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </SelectField>
            <TextField label="Expected value" hint="One answer must equal it; empty accepts any answer." value={d.expected} onChange={(e) => set({ expected: e.target.value })} error={field('dns.expected')} spellCheck={false} />
            <TextField label="Name server" hint="IP[:port]; empty uses the server’s own resolver." value={d.server} onChange={(e) => set({ server: e.target.value })} error={field('dns.server')} spellCheck={false} />
          </>
        )}

        <TextField label="Every (seconds)" hint="20 s to 86400 s (a day)." value={d.intervalSeconds} onChange={(e) => set({ intervalSeconds: e.target.value })} error={field('intervalSeconds')} inputMode="numeric" />
        <TextField label="Timeout (seconds)" value={d.timeoutSeconds} onChange={(e) => set({ timeoutSeconds: e.target.value })} error={field('timeoutSeconds')} inputMode="numeric" />
        <TextField label="Failures tolerated before down" hint="0 alerts on the first failed probe." value={d.retries} onChange={(e) => set({ retries: e.target.value })} error={field('retries')} inputMode="numeric" />
        {user.role === 'admin' && (
          <label className="check">
            <input type="checkbox" checked={d.allowInternal} onChange={(e) => set({ allowInternal: e.target.checked })} />
            Allow internal addresses (private networks, loopback)
          </label>
        )}

        <div className="test-now" aria-live="polite">
          <button type="button" className="btn" disabled={test.isPending || !serviceId} onClick={() => test.mutate(bodyOf({ ...d, serviceId }))}>
            {test.isPending ? 'Testing…' : 'Test now'}
          </button>
          {test.data && (
            <p className={test.data.ok ? 'test-result test-ok' : 'test-result test-failed'}>
              <strong>{test.data.ok ? 'Passed: ' : 'Failed: '}</strong>
              {test.data.message}
            </p>
          )}
          {test.isError && <p className="error">Could not test: {errorMessage(test.error)}</p>}
        </div>
        <FormError error={save.error} shownFields={['name', 'serviceId', 'http', 'tcp', 'tls', 'dns', 'intervalSeconds', 'timeoutSeconds', 'retries']} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {existing ? 'Save check' : 'Add check'}
          </button>
        </div>
      </form>
    </Page>
  );
}
