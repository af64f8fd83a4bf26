import type { StatuspageComponent, StatuspageSubscriber } from '@operable/shared';
import { useState } from 'react';
import { useAnnounce } from '../../announcer';
import { plural } from '../../format';
import { formatMoment } from '../../schedule-layout';
import { useViewerZone } from '../../session';
import { matchesSubscriber, subscriberFollows, subscriberState } from '../../statuspage-format';
import { deleteSubscriber, useRefreshStatuspage } from '../../statuspage-queries';
import { DangerButton } from '../DangerButton';
import { TextField } from '../Field';
import { AddSubscriberForm } from './AddSubscriberForm';

/** More than this and the list asks for a search instead of growing without end. */
const SHOWN = 50;
const SEARCH_FROM = 10;

/**
 * Who hears of each update (admins: the list holds people's addresses), and adding
 * one. A webhook shows only its host: its URL is its receiver's credential.
 */
export function SubscribersSection({ subscribers, components }: { subscribers: StatuspageSubscriber[]; components: StatuspageComponent[] }) {
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const count = (f: (s: StatuspageSubscriber) => boolean) => subscribers.filter(f).length;
  const found = query.trim() ? subscribers.filter((s) => matchesSubscriber(s, query)) : subscribers;
  return (
    <>
      <p>
        {count((s) => s.kind === 'email' && s.confirmed)} confirmed by email, {count((s) => s.kind === 'email' && !s.confirmed)} waiting to confirm,{' '}
        {plural(count((s) => s.kind === 'webhook'), 'webhook')}.
      </p>
      {subscribers.length === 0 ? (
        <p className="empty">Nobody has subscribed yet. People subscribe by email on the public page; you can add one here too.</p>
      ) : (
        <>
          {subscribers.length > SEARCH_FROM && <TextField label="Find a subscriber" type="search" hint="Part of an email address or a webhook’s host." value={query} onChange={(e) => setQuery(e.target.value)} />}
          {found.length === 0 ? (
            <p className="muted">No subscriber matches “{query.trim()}”.</p>
          ) : (
            <ul className="plain-list sp-subscribers" aria-label="Subscribers">
              {found.slice(0, SHOWN).map((s) => (
                <SubscriberRow key={s.id} s={s} components={components} />
              ))}
            </ul>
          )}
          {found.length > SHOWN && <p className="muted">{found.length - SHOWN} more: search to narrow the list.</p>}
        </>
      )}
      {adding ? (
        <AddSubscriberForm components={components} subscribers={subscribers} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="btn" onClick={() => setAdding(true)}>
          Add a subscriber
        </button>
      )}
    </>
  );
}

function SubscriberRow({ s, components }: { s: StatuspageSubscriber; components: StatuspageComponent[] }) {
  const zone = useViewerZone();
  const refresh = useRefreshStatuspage();
  const announce = useAnnounce();
  const state = subscriberState(s);
  return (
    <li className="sp-subscriber">
      <div className="sp-subscriber-main">
        <strong className="sp-address">{s.address}</strong>
        <p className="chips">
          <span className={`badge ${state.pending ? 'sp-pending' : 'sp-badge'}`}>{state.label}</span>
          <span className="muted">{subscriberFollows(s, components)}</span>
        </p>
        <p className="muted">Since {formatMoment(s.createdAt, zone)}</p>
      </div>
      <DangerButton
        small
        label="Remove"
        ariaLabel={`Remove subscriber ${s.address}`}
        title={`Remove ${s.kind === 'email' ? s.address : `the webhook to ${s.address}`}?`}
        confirmLabel="Remove subscriber"
        action={() => deleteSubscriber(s.id)}
        onDone={() => {
          void refresh();
          announce(`${s.address} removed: it hears of no more updates.`);
        }}
      >
        {s.kind === 'email' ? (
          <p>
            <strong>{s.address}</strong> gets no more status page emails. They can subscribe again from the public page.
          </p>
        ) : (
          <p>
            Updates stop going to <strong>{s.address}</strong>. To add it back, its URL and secret are needed again.
          </p>
        )}
      </DangerButton>
    </li>
  );
}
