import type { ContactMethod, ContactMethodCreated, CreateContactMethod, TestMessageQueued } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { ADDRESS_FIELDS, CONTACT_TYPE_LABELS, CONTACT_TYPE_ORDER, contactTypeLabel, describeMethod, type ContactType } from '../contact-types';
import { formatTime } from '../format';
import { randomSecret } from '../policy-format';
import { keys, useContactChannels } from '../queries';
import { useCurrentUser } from '../session';
import { DangerButton } from './DangerButton';
import { SigningSecretField } from './SigningSecretField';
import { errorFor, FormError, SelectField, TextField } from './Field';

const base = (id: string) => `/api/me/contact-methods/${encodeURIComponent(id)}`;

/** Your contact methods: add one, verify it with the code we send, test it, delete it. */
export function ContactMethods({ methods }: { methods: ContactMethod[] }) {
  const [adding, setAdding] = useState(false);
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <h3>Contact methods</h3>
      {methods.length === 0 ? (
        <p className="muted">None yet. Add one so Operable can page you.</p>
      ) : (
        <ul className="method-list">
          {methods.map((m) => (
            <MethodRow key={m.id} method={m} focusCode={m.id === justAdded} />
          ))}
        </ul>
      )}
      {adding ? (
        <AddMethod
          onClose={(id) => {
            setAdding(false);
            if (id) setJustAdded(id);
            else addButton.current?.focus();
          }}
        />
      ) : (
        <button ref={addButton} type="button" className="btn" onClick={() => setAdding(true)}>
          Add contact method
        </button>
      )}
    </>
  );
}

function MethodRow({ method: m, focusCode }: { method: ContactMethod; focusCode: boolean }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const titleId = useId();
  const refresh = () => qc.invalidateQueries({ queryKey: keys.contactSetup });
  const what = describeMethod(m);
  const test = useMutation({
    mutationFn: () => api.post<TestMessageQueued>(`${base(m.id)}/test`),
    onSuccess: () => announce(`Test sent to ${m.address}. If it doesn’t arrive in a minute, check the address.`),
    onError: (e) => announce(`Couldn’t send a test to ${m.address}: ${errorMessage(e)}`, 'error'),
  });

  return (
    <li className="method">
      <div className="method-head">
        <p id={titleId}>
          <strong>{contactTypeLabel(m.type)}</strong>
          {m.label && ` (${m.label})`} <span className="break">{m.address}</span>{' '}
          <span className={`badge ${m.verified ? 'badge-resolved' : 'badge-acknowledged'}`}>{m.verified ? 'Verified' : 'Not verified'}</span>
        </p>
        <div className="method-actions">
          {m.verified && (
            <button type="button" className="btn btn-small" aria-describedby={titleId} aria-disabled={test.isPending} onClick={() => !test.isPending && test.mutate()}>
              Send me a test
            </button>
          )}
          <DangerButton
            small
            label="Delete"
            ariaLabel={`Delete ${what}`}
            title={`Delete ${what}?`}
            confirmLabel="Delete contact method"
            action={() => api.del(base(m.id))}
            onDone={() => {
              refresh();
              announce(`${what} deleted.`);
            }}
          >
            <p>Operable stops using it at once, and any notification rules that use it are removed.</p>
          </DangerButton>
        </div>
      </div>
      {!m.verified && <VerifyForm method={m} autoFocus={focusCode} onChanged={refresh} />}
    </li>
  );
}

function codeHint(m: ContactMethod, timeZone: string): string {
  if (!m.verificationExpiresAt) return `The code sent to ${m.address} no longer works: use “Resend code”.`;
  if (Date.parse(m.verificationExpiresAt) < Date.now()) return `The code sent to ${m.address} has expired: use “Resend code”.`;
  return `We sent it to ${m.address}. It works until ${formatTime(m.verificationExpiresAt, timeZone)}.`;
}

interface VerifyProps {
  method: ContactMethod;
  autoFocus: boolean;
  onChanged: () => void;
}

function VerifyForm({ method: m, autoFocus, onChanged }: VerifyProps) {
  const { timeZone } = useCurrentUser();
  const announce = useAnnounce();
  const [code, setCode] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (autoFocus) form.current?.querySelector('input')?.focus();
  }, [autoFocus]);
  const verify = useMutation({
    mutationFn: () => api.post<unknown>(`${base(m.id)}/verify`, { code }),
    onSuccess: () => {
      onChanged();
      announce(`${contactTypeLabel(m.type)} ${m.address} is verified.`);
    },
  });
  const resend = useMutation({
    mutationFn: () => api.post<ContactMethod>(`${base(m.id)}/resend-code`),
    onSuccess: () => {
      onChanged();
      announce(`A new code is on its way to ${m.address}.`);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (verify.isPending) return;
    verify.mutate();
  }
  return (
    <form ref={form} onSubmit={submit} noValidate className="inline-form verify-form">
      <FormError error={verify.error ?? resend.error} shownFields={['code']} title={resend.error && !verify.error ? 'No code sent.' : 'Not verified.'} />
      <TextField
        label="6-digit code"
        hint={codeHint(m, timeZone)}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        error={errorFor(verify.error, 'code')}
      />
      <button type="submit" className="btn btn-primary" aria-disabled={verify.isPending}>
        Verify
      </button>
      <button type="button" className="btn btn-quiet" aria-disabled={resend.isPending} onClick={() => !resend.isPending && resend.mutate()}>
        Resend code
      </button>
    </form>
  );
}

function AddMethod({ onClose }: { onClose: (createdId?: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const channels = useContactChannels();
  const offered = channels.data ? CONTACT_TYPE_ORDER.filter((t) => channels.data.channels.includes(t)) : CONTACT_TYPE_ORDER;
  const [chosen, setType] = useState<ContactType | null>(null);
  const type: ContactType = chosen && offered.includes(chosen) ? chosen : (offered[0] ?? 'webhook');
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState(randomSecret);
  const field = ADDRESS_FIELDS[type];
  const create = useMutation({
    mutationFn: (body: CreateContactMethod) => api.post<ContactMethodCreated>('/api/me/contact-methods', body),
    onSuccess: (m) => {
      qc.invalidateQueries({ queryKey: keys.contactSetup });
      announce(
        `We sent a 6-digit code to ${m.address}. Enter it to verify.${m.defaultRule ? ' Once verified, it is used as soon as a page reaches you.' : ''}`,
      );
      onClose(m.id);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    const body: CreateContactMethod = { type, address: address.trim(), label: label.trim() };
    if (type === 'webhook' && secret) body.secret = secret;
    create.mutate(body);
  }
  return (
    <section className="panel" aria-labelledby="add-method-h">
      <h3 id="add-method-h">Add a contact method</h3>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={create.error} shownFields={['type', 'address', 'label', 'secret']} title="Not added." />
        {channels.data && !channels.data.mail && (
          <p className="alert alert-warning">
            <strong>Email isn’t available yet:</strong> an admin must configure mail (SMTP) on the server before email can be used or verified.
            {!channels.data.channels.includes('sms') && ' SMS and voice calls need Twilio set up too.'} You can use a push app (ntfy), Slack, Teams or a webhook now.
          </p>
        )}
        <SelectField label="Type" autoFocus value={type} onChange={(e) => setType(e.target.value as ContactType)} error={errorFor(create.error, 'type')}>
          {offered.map((t) => (
            <option key={t} value={t}>
              {CONTACT_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <TextField
          key={type}
          label={field.label}
          type={field.inputType}
          inputMode={field.inputMode}
          autoComplete={field.autoComplete ?? 'off'}
          placeholder={field.placeholder}
          hint={field.hint}
          spellCheck={false}
          required
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={errorFor(create.error, 'address')}
        />
        <TextField label="Label (optional)" placeholder="e.g. Work phone" maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} error={errorFor(create.error, 'label')} />
        {type === 'webhook' && <SigningSecretField value={secret} onChange={setSecret} error={errorFor(create.error, 'secret')} />}
        <p className="muted">We send a 6-digit code to it. Enter the code to verify it; until then, Operable won’t use it.</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
            Add contact method
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => onClose()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
