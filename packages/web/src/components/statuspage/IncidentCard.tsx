import type { PublicIncident, StatuspageTemplate } from '@operable/shared';
import { useState } from 'react';
import { formatMoment } from '../../schedule-layout';
import { useViewerZone } from '../../session';
import { IMPACT_LABELS, isOpen, PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { PostUpdateForm } from './PostUpdateForm';

interface Props {
  incident: PublicIncident;
  templates: StatuspageTemplate[];
  canPost: boolean;
}

/** One public incident or maintenance: where it stands, what customers last read, and when they expect more. */
export function IncidentCard({ incident: i, templates, canPost }: Props) {
  const zone = useViewerZone();
  const [posting, setPosting] = useState(false);
  const latest = i.updates[0];
  const open = isOpen(i);
  const overdue = open && i.nextUpdateAt !== null && Date.parse(i.nextUpdateAt) < Date.now();
  return (
    <li className={`card sp-incident${open && i.kind === 'incident' ? ` sp-impact-${i.impact}` : ''}`}>
      <h3 className="card-title">{i.name}</h3>
      <p className="chips">
        <span className="badge sp-badge">{PUBLIC_STATUS_LABELS[i.status]}</span>
        {i.kind === 'incident' && <span className="muted">Impact {(IMPACT_LABELS[i.impact as keyof typeof IMPACT_LABELS] ?? i.impact).toLowerCase()}</span>}
        {i.internalIncidentId && <span className="muted">Linked to an internal incident</span>}
      </p>
      {i.kind === 'maintenance' && i.scheduledFor && i.scheduledUntil && (
        <p>
          {formatMoment(i.scheduledFor, zone)} to {formatMoment(i.scheduledUntil, zone)}
        </p>
      )}
      {latest && (
        <blockquote className="sp-latest">
          <p>{latest.body}</p>
          <footer className="muted">
            {PUBLIC_STATUS_LABELS[latest.status]} · posted {formatMoment(latest.displayAt, zone)}
            {latest.createdBy && ` by ${latest.createdBy}`}
          </footer>
        </blockquote>
      )}
      {open && i.nextUpdateAt && <p className={overdue ? 'sp-overdue' : 'muted'}>{overdue ? `Next update was due ${formatMoment(i.nextUpdateAt, zone)}` : `Next update by ${formatMoment(i.nextUpdateAt, zone)}`}</p>}
      {canPost &&
        (posting ? (
          <PostUpdateForm incident={i} templates={templates} onDone={() => setPosting(false)} />
        ) : (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setPosting(true)} aria-label={`Post an update on ${i.name}`}>
              Post an update
            </button>
          </div>
        ))}
    </li>
  );
}
