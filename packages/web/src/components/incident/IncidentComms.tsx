import type { IncidentDetail, IncidentSubscriber } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { useAnnounce } from '../../announcer';
import { followsByEmail, SUBSCRIBER_ADDRESS_HINTS, SUBSCRIBER_CHANNEL_LABELS } from '../../incident-format';
import { incidentKeys, incidentPath, useIncidentChange, useIncidentSubscribers } from '../../incident-queries';
import { useCurrentUser } from '../../session';
import { errorFor, FormError, SelectField, TextField } from '../Field';

type Channel = IncidentSubscriber['channel'];
/** A webhook follower's signing secret comes back once, with the follower. */
type Created = IncidentSubscriber & { secret: string | null };

/** Where people talk: the war-room link and the incident's Slack channel (created here when the server has a bot token). */
export function WarRoom({ incident: i, incidentId }: { incident: IncidentDetail; incidentId: string }) {
  const create = useIncidentChange<void>(incidentId, () => api.post(incidentPath(incidentId, '/slack-channel')), 'Slack channel created.');
  const canCreate = i.canEdit && i.status !== 'resolved' && !i.slackChannel;
  if (!i.warRoomUrl && !i.slackChannel && !canCreate) return null;
  return (
    <section aria-labelledby="war-room-h">
      <h2 id="war-room-h">War room</h2>
      {i.warRoomUrl && (
        <p>
          <a href={i.warRoomUrl} target="_blank" rel="noreferrer">
            Join the call or chat
          </a>
        </p>
      )}
      {i.slackChannel && (
        <p>
          Slack channel: <strong>#{i.slackChannel.name}</strong>
        </p>
      )}
      {canCreate && (
        <button type="button" className="btn" aria-disabled={create.isPending} onClick={() => !create.isPending && create.mutate()}>
          Create a Slack channel
        </button>
      )}
      {create.isError && (
        // The server says what is missing (a bot token an admin sets), in words.
        <p className="alert alert-error" role="alert">
          No Slack channel: {errorMessage(create.error)}
        </p>
      )}
    </section>
  );
}

/** Stakeholders who follow the updates by email, webhook or Slack: never paged. */
export function Subscribers({ incidentId }: { incidentId: string }) {
  const me = useCurrentUser();
  const subs = useIncidentSubscribers(incidentId);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const changed = useSubscriberChange(incidentId);
  const subscribeMe = useMutation({
    mutationFn: () => api.post<Created>(incidentPath(incidentId, '/subscribers'), { channel: 'email', address: me.email }),
    onSuccess: () => changed('You follow this incident’s updates by email.'),
  });
  const remove = useMutation({
    mutationFn: (s: IncidentSubscriber) => api.del(`/api/incident-subscribers/${encodeURIComponent(s.id)}`),
    onSuccess: (_r, s) => changed(`${s.address} no longer follows this incident.`),
  });
  const items = subs.data ?? [];
  return (
    <section aria-labelledby="subscribers-h">
      <h2 id="subscribers-h">Who follows the updates</h2>
      {subs.isError ? (
        <p className="field-error">Couldn’t load who follows: {errorMessage(subs.error)}</p>
      ) : items.length === 0 ? (
        <p className="muted">Nobody yet. Followers get each update by email, webhook or Slack, and are never paged.</p>
      ) : (
        <ul className="plain-list subscriber-list" aria-label="Followers">
          {items.map((s) => (
            <li key={s.id} className="action-row">
              <span className="break">
                <span className="badge">{SUBSCRIBER_CHANNEL_LABELS[s.channel]}</span> {s.address}
              </span>
              {s.canRemove && (
                <button type="button" className="btn btn-small btn-quiet" aria-disabled={remove.isPending} onClick={() => !remove.isPending && remove.mutate(s)}>
                  Remove<span className="visually-hidden"> {s.address}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && (
        <p className="field-error" role="alert">
          Not removed: {errorMessage(remove.error)}
        </p>
      )}
      {secret && (
        <div className="alert alert-info">
          <p>
            The webhook’s signing secret, shown only now: <code className="break">{secret}</code>
          </p>
          <button type="button" className="btn btn-small" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      )}
      <div className="form-actions">
        {subs.isSuccess && !followsByEmail(items, me.email) && (
          <button type="button" className="btn" aria-disabled={subscribeMe.isPending} onClick={() => !subscribeMe.isPending && subscribeMe.mutate()}>
            Follow by email myself
          </button>
        )}
        {!adding && (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add a follower
          </button>
        )}
      </div>
      {subscribeMe.isError && (
        <p className="field-error" role="alert">
          Not subscribed: {errorMessage(subscribeMe.error)}
        </p>
      )}
      {adding && <AddSubscriber incidentId={incidentId} onClose={() => setAdding(false)} onSecret={setSecret} />}
    </section>
  );
}

function useSubscriberChange(incidentId: string) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  return (message: string) => {
    qc.invalidateQueries({ queryKey: incidentKeys.subscribers(incidentId) });
    qc.invalidateQueries({ queryKey: incidentKeys.one(incidentId) });
    announce(message);
  };
}

function AddSubscriber({ incidentId, onClose, onSecret }: { incidentId: string; onClose: () => void; onSecret: (s: string) => void }) {
  const [channel, setChannel] = useState<Channel>('email');
  const [address, setAddress] = useState('');
  const changed = useSubscriberChange(incidentId);
  const add = useMutation({
    mutationFn: () => api.post<Created>(incidentPath(incidentId, '/subscribers'), { channel, address: address.trim() }),
    onSuccess: (s) => {
      changed(`${SUBSCRIBER_CHANNEL_LABELS[s.channel]} follower added.`);
      if (s.secret) onSecret(s.secret);
      onClose();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!add.isPending) add.mutate();
  }
  return (
    <form onSubmit={submit} noValidate className="form panel panel-highlight" aria-label="Add a follower">
      <FormError error={add.error} shownFields={['channel', 'address']} title="Not added." />
      <SelectField label="How" value={channel} onChange={(e) => setChannel(e.target.value as Channel)} error={errorFor(add.error, 'channel')}>
        {(Object.keys(SUBSCRIBER_CHANNEL_LABELS) as Channel[]).map((c) => (
          <option key={c} value={c}>
            {SUBSCRIBER_CHANNEL_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={channel === 'email' ? 'Email address' : 'URL'}
        type={channel === 'email' ? 'email' : 'url'}
        autoComplete="off"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        error={errorFor(add.error, 'address')}
        hint={SUBSCRIBER_ADDRESS_HINTS[channel]}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={add.isPending}>
          Add follower
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
