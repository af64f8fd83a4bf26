import type { TimelineEntry } from '@operable/shared';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../format';
import { useTimeline } from '../queries';

/**
 * What happened on this service, newest first: alerts and the deploys and config
 * changes senders reported, so "what changed just before this broke?" is one look.
 */
export function TimelineSection({ serviceId, timeZone }: { serviceId: string; timeZone: string }) {
  const timeline = useTimeline(serviceId);
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline (last 7 days)</h2>
      {timeline.isPending ? (
        <p className="muted">Loading…</p>
      ) : timeline.isError ? (
        <p role="alert">Could not load the timeline: {timeline.error.message}</p>
      ) : timeline.data.length === 0 ? (
        <p className="muted">No alerts or changes in the last 7 days.</p>
      ) : (
        <ol className="service-timeline" aria-label="Alerts and changes, newest first">
          {timeline.data.map((e) => (
            <li key={e.kind === 'alert' ? e.alert.id : e.change.id}>
              <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time> <Entry entry={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  if (entry.kind === 'alert') {
    const a = entry.alert;
    return (
      <span>
        Alert <Link to={`/alerts/${a.id}`}>#{a.number} {a.summary}</Link> ({a.status}
        {a.groupSize > 1 ? `, +${a.groupSize - 1} grouped` : ''})
      </span>
    );
  }
  const c = entry.change;
  return (
    <span>
      Change: {c.summary}
      {c.source ? ` (${c.source})` : ''}
      {c.links.map((l) => (
        <span key={l.href}>
          {' · '}
          <a href={l.href} rel="noreferrer noopener" target="_blank">
            {l.text ?? 'Link'}
          </a>
        </span>
      ))}
    </span>
  );
}
