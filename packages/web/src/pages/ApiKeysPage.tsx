import type { ApiKey, CreateApiKey, CreatedApiKey, Role } from '@operable/shared';
import { ROLES, roleAtLeast } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { CopyBox } from '../components/CopyBox';
import { DangerButton } from '../components/DangerButton';
import { errorFor, FormError, SelectField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { formatDateTime, roleLabel } from '../format';
import { keys } from '../queries';
import { useCurrentUser } from '../session';

export function ApiKeysPage() {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const list = useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => api.get<{ items: ApiKey[] }>('/api/api-keys').then((r) => r.items),
  });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <Page title="API keys">
      <p>
        API keys let scripts and other tools use Operable. A key can do at most what its role allows, and never more
        than you can.
      </p>
      {created ? (
        <NewToken created={created} onDone={() => setCreated(null)} />
      ) : (
        <NewKeyForm myRole={me.role} onCreated={setCreated} />
      )}
      <h2>Keys</h2>
      {list.isPending ? (
        <Loading what="Loading keys" />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">No API keys yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Role</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'row-muted' : undefined}>
                  <th scope="row">{k.name}</th>
                  <td className="mono">{k.prefix}…</td>
                  <td>{roleLabel(k.role)}</td>
                  <td>{k.ownerName}</td>
                  <td>{formatDateTime(k.createdAt, me.timeZone)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, me.timeZone) : 'Never'}</td>
                  <td>
                    {k.revokedAt ? (
                      <span>Revoked {formatDateTime(k.revokedAt, me.timeZone)}</span>
                    ) : (
                      (me.role === 'admin' || k.ownerId === me.id) && (
                        <DangerButton
                          small
                          label="Revoke"
                          ariaLabel={`Revoke key ${k.name}`}
                          title={`Revoke “${k.name}”?`}
                          confirmLabel="Revoke key"
                          action={() => api.del(`/api/api-keys/${k.id}`)}
                          onDone={() => {
                            qc.invalidateQueries({ queryKey: keys.apiKeys });
                            announce(`Key “${k.name}” revoked.`);
                          }}
                        >
                          <p>
                            Anything using the key <strong>{k.name}</strong> (starts with{' '}
                            <code>{k.prefix}</code>) stops working straight away. This can’t be undone.
                          </p>
                        </DangerButton>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function NewKeyForm({ myRole, onCreated }: { myRole: Role; onCreated: (c: CreatedApiKey) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const roles = ROLES.filter((r) => roleAtLeast(myRole, r));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('responder') ? 'responder' : 'viewer');
  const create = useMutation({
    mutationFn: (body: CreateApiKey) => api.post<CreatedApiKey>('/api/api-keys', body),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: keys.apiKeys });
      announce(`Key “${c.apiKey.name}” created. Copy it now; it won’t be shown again.`);
      setName('');
      onCreated(c);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!create.isPending) create.mutate({ name: name.trim(), role });
  }
  return (
    <section className="panel" aria-labelledby="new-key-h">
      <h2 id="new-key-h">Create a key</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={create.error} shownFields={['name', 'role']} />
        <TextField
          label="Key name"
          hint="What will use it, e.g. “CI deploys” or “Grafana alerts”."
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorFor(create.error, 'name')}
        />
        <SelectField label="Key role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={errorFor(create.error, 'role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
            Create key
          </button>
        </div>
      </form>
    </section>
  );
}

function NewToken({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel panel-highlight" aria-labelledby="token-h">
      <h2 id="token-h" ref={heading} tabIndex={-1}>
        Your new key “{created.apiKey.name}”
      </h2>
      <p className="alert alert-warning">
        <strong>Copy this key now.</strong> This is the only time it is shown. If you lose it, revoke it and create a
        new one.
      </p>
      <CopyBox label="API key" value={created.token} />
      <p className="muted">
        Send it as the header <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <button type="button" className="btn btn-primary" onClick={onDone}>
        I’ve copied it
      </button>
    </section>
  );
}
