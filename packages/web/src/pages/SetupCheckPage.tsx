import type { SetupCheck, TestMessageQueued } from '@operable/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, FormError, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { useCurrentUser } from '../session';

/** For admins: what the server can send through, what is missing, and a test email to prove mail works. */
export function SetupCheckPage() {
  const check = useQuery({ queryKey: ['admin-setup'], queryFn: () => api.get<SetupCheck>('/api/admin/setup') });
  const mail = check.data?.items.find((i) => i.key === 'mail');
  return (
    <Page title="Setup check">
      {check.isPending ? (
        <Loading what="Checking the setup" />
      ) : check.isError ? (
        <QueryError error={check.error} retry={() => check.refetch()} />
      ) : (
        <>
          <ul className="setup-list" aria-label="What is configured">
            {check.data.items.map((i) => (
              <li key={i.key} className={`setup-item ${i.configured ? 'setup-ok' : 'setup-missing'}`}>
                <p className="person-head">
                  <span aria-hidden="true">{i.configured ? '✓' : '✗'}</span>
                  <strong>{i.label}</strong>
                  <span className={i.configured ? 'muted' : 'text-danger'}>{i.configured ? 'Configured' : 'Not configured'}</span>
                </p>
                <p className="break">{i.detail}</p>
              </li>
            ))}
          </ul>
          {mail?.configured ? <TestMail /> : <p className="muted">Once mail is configured, send yourself a test email from here.</p>}
        </>
      )}
    </Page>
  );
}

function TestMail() {
  const me = useCurrentUser();
  const announce = useAnnounce();
  const [to, setTo] = useState(me.email);
  const send = useMutation({
    mutationFn: () => api.post<TestMessageQueued>('/api/admin/setup/test', { channel: 'email', to: to.trim() }),
    onSuccess: () => announce(`Test email queued to ${to.trim()}. If it does not arrive within a minute, the server log says why.`),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!send.isPending) send.mutate();
  }
  return (
    <form onSubmit={submit} noValidate className="form panel" aria-labelledby="test-mail-h">
      <h2 id="test-mail-h">Send a test email</h2>
      <FormError error={send.error} shownFields={['to']} title="Not sent." />
      <TextField label="To" type="email" autoComplete="email" value={to} onChange={(e) => setTo(e.target.value)} error={errorFor(send.error, 'to')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
          Send test email
        </button>
      </div>
    </form>
  );
}
