import type { ContactMethod, CreateNotificationRule, NotificationRule } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { delayPhrase, describeMethod, sortRules, summarizeRules, URGENCY_PHRASE, type RuleUrgency } from '../contact-types';
import { keys } from '../queries';
import { errorFor, FormError, SelectField, TextField } from './Field';

interface Props {
  rules: NotificationRule[];
  methods: ContactMethod[];
}

/** When each contact method is used after a page reaches you, e.g. email at once, SMS after 2 minutes. */
export function NotificationRules({ rules, methods }: Props) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const methodOf = (id: string) => methods.find((m) => m.id === id);
  const ruleText = (r: NotificationRule) => {
    const m = methodOf(r.contactMethodId);
    const phrase = delayPhrase(r.delayMinutes);
    return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}: ${m ? describeMethod(m) : 'a deleted contact method'} (${URGENCY_PHRASE[r.urgency]})`;
  };
  const remove = useMutation({
    mutationFn: (r: NotificationRule) => api.del(`/api/me/notification-rules/${encodeURIComponent(r.id)}`),
    onSuccess: (_v, r) => {
      qc.invalidateQueries({ queryKey: keys.contactSetup });
      heading.current?.focus();
      announce(`Rule removed: ${ruleText(r)}.`);
    },
  });
  const high = summarizeRules(rules, methods, 'high');
  const low = summarizeRules(rules, methods, 'low');

  return (
    <>
      <h3 ref={heading} tabIndex={-1}>
        Notification rules
      </h3>
      <ul className="plain-list rule-summary">
        <li>
          <strong>High-urgency alerts:</strong> {high ?? 'nothing set up, so you won’t be notified.'}
        </li>
        <li>
          <strong>Low-urgency alerts:</strong> {low ?? 'nothing set up, so you won’t be notified.'}
        </li>
      </ul>
      <div aria-live="assertive">{remove.isError && <p className="alert alert-error">Couldn’t remove the rule: {errorMessage(remove.error)}</p>}</div>
      {rules.length > 0 && (
        <ol className="member-list" aria-label="Your notification rules, in the order they fire">
          {sortRules(rules).map((r) => {
            const m = methodOf(r.contactMethodId);
            return (
              <li key={r.id}>
                <span>
                  {ruleText(r)}
                  {m && !m.verified && <span className="warning-text"> — not verified yet, so not used</span>}
                </span>
                <button
                  type="button"
                  className="btn btn-danger-outline btn-small"
                  aria-label={`Delete rule: ${ruleText(r)}`}
                  aria-disabled={remove.isPending}
                  onClick={() => !remove.isPending && remove.mutate(r)}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {methods.length > 0 ? <AddRule methods={methods} /> : <p className="muted">Add a contact method first, then choose when to use it.</p>}
    </>
  );
}

function AddRule({ methods }: { methods: ContactMethod[] }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [contactMethodId, setMethod] = useState('');
  const [delay, setDelay] = useState('0');
  const [urgency, setUrgency] = useState<RuleUrgency>('any');
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateNotificationRule) => api.post<NotificationRule>('/api/me/notification-rules', body),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: keys.contactSetup });
      const m = methods.find((x) => x.id === r.contactMethodId);
      announce(`Rule added: ${m ? describeMethod(m) : 'contact method'} ${delayPhrase(r.delayMinutes)}.`);
      setDelay(String(r.delayMinutes + 2));
      setMethod('');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    if (!contactMethodId) return setLocalError('Choose a contact method.');
    setLocalError(null);
    create.mutate({ contactMethodId, delayMinutes: Number(delay) || 0, urgency });
  }
  return (
    <form onSubmit={submit} noValidate className="form rule-form" aria-labelledby="add-rule-h">
      <h4 id="add-rule-h">Add a rule</h4>
      <FormError error={localError ?? create.error} shownFields={['contactMethodId', 'delayMinutes', 'urgency']} title="Not added." />
      <div className="row">
        <SelectField label="Contact method" value={contactMethodId} onChange={(e) => setMethod(e.target.value)} error={errorFor(create.error, 'contactMethodId')}>
          <option value="">Choose…</option>
          {methods.map((m) => (
            <option key={m.id} value={m.id}>
              {describeMethod(m)}
              {m.verified ? '' : ' (not verified)'}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Minutes after the page reaches you"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          hint="0 means immediately."
          value={delay}
          onChange={(e) => setDelay(e.target.value)}
          error={errorFor(create.error, 'delayMinutes')}
        />
        <SelectField label="For alerts of" value={urgency} onChange={(e) => setUrgency(e.target.value as RuleUrgency)} error={errorFor(create.error, 'urgency')}>
          <option value="any">Any urgency</option>
          <option value="high">High urgency only</option>
          <option value="low">Low urgency only</option>
        </SelectField>
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
        Add rule
      </button>
    </form>
  );
}
