import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatAgo } from '../../format';
import { textOf, wellbeingEntries, type WellbeingEntry } from '../../inbox-format';
import { useMyCheckins } from '../../incident-queries';
import { useInbox, useMarkRead } from '../../oncall-queries';
import { CheckinForm } from './IncidentWork';

/**
 * After an incident: the responder's own check-in (answered right here), and a nudge
 * to check on a teammate whose sleep it cost. Shown on the home page only while there
 * is something to answer; each item is also in the inbox.
 */
export function WellbeingPanel({ now }: { now: number }) {
  const checkins = useMyCheckins();
  const inbox = useInbox();
  const [open, setOpen] = useState<string | null>(null);
  const entries = wellbeingEntries(checkins.data ?? [], inbox.data ?? []);
  if (!entries.length) return null;
  return (
    <section aria-labelledby="home-wellbeing-h">
      <h2 id="home-wellbeing-h">After incidents</h2>
      <ul className="plain-list wellbeing-list" aria-label="Check-ins after incidents">
        {entries.map((e) => (
          <li key={e.key} className="card wellbeing-item">
            {e.kind === 'checkin' ? (
              <CheckinEntry entry={e} now={now} open={open === e.key} onOpen={() => setOpen((o) => (o === e.key ? null : e.key))} />
            ) : (
              <NudgeEntry entry={e} now={now} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CheckinEntry({ entry, now, open, onOpen }: { entry: Extract<WellbeingEntry, { kind: 'checkin' }>; now: number; open: boolean; onOpen: () => void }) {
  const markRead = useMarkRead();
  const c = entry.checkin;
  return (
    <>
      <h3 className="wellbeing-title">
        #{c.incidentNumber} {c.incidentTitle} is resolved: how are you?
      </h3>
      <p className="muted">
        Asked {formatAgo(c.requestedAt, now)}. A minute, for you and your team; it can be anonymous.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" aria-expanded={open} onClick={onOpen}>
          Check in
        </button>
        <Link to={`/incidents/${c.incidentNumber}`}>Open incident #{c.incidentNumber}</Link>
      </div>
      {open && <CheckinForm checkin={c} headingLevel={4} onAnswered={() => entry.inboxItemId && markRead.mutate(entry.inboxItemId)} />}
    </>
  );
}

function NudgeEntry({ entry, now }: { entry: Extract<WellbeingEntry, { kind: 'nudge' }>; now: number }) {
  const markRead = useMarkRead();
  const { item, incidentRef } = entry;
  return (
    <>
      <h3 className="wellbeing-title">{item.title}</h3>
      <p>{textOf(item)}</p>
      <p className="muted">{formatAgo(item.createdAt, now)}</p>
      <div className="form-actions">
        <button type="button" className="btn" aria-disabled={markRead.isPending} onClick={() => !markRead.isPending && markRead.mutate(item.id)}>
          Done, I checked in
        </button>
        {incidentRef && <Link to={`/incidents/${encodeURIComponent(incidentRef)}`}>Open the incident</Link>}
      </div>
    </>
  );
}
