import type { PublicIncident, StatuspageComponent, StatuspageTemplate } from '@operable/shared';
import { useState } from 'react';
import { useAnnounce } from '../../announcer';
import { formatMoment } from '../../schedule-layout';
import { useViewerZone } from '../../session';
import { IMPACT_LABELS, isOpen, PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { deleteIncident, useRefreshStatuspage } from '../../statuspage-queries';
import { DangerButton } from '../DangerButton';
import { EditIncidentForm } from './EditIncidentForm';
import { PostUpdateForm } from './PostUpdateForm';

export interface IncidentProps {
  incident: PublicIncident;
  templates: StatuspageTemplate[];
  components: StatuspageComponent[];
  /** Post updates and correct details (responders). */
  canPost: boolean;
  /** Remove it altogether (admins). */
  isAdmin: boolean;
}

/** One open public incident or maintenance as a card. */
export function IncidentCard(props: IncidentProps) {
  const i = props.incident;
  return (
    <li className={`card sp-incident${isOpen(i) && i.kind === 'incident' ? ` sp-impact-${i.impact}` : ''}`}>
      <h3 className="card-title">{i.name}</h3>
      <IncidentDetails {...props} />
    </li>
  );
}

/** Where it stands, what customers last read, when they expect more, and what a person may do with it. */
export function IncidentDetails({ incident: i, templates, components, canPost, isAdmin }: IncidentProps) {
  const zone = useViewerZone();
  const [mode, setMode] = useState<'post' | 'edit' | null>(null);
  const latest = i.updates[0];
  const open = isOpen(i);
  const overdue = open && i.nextUpdateAt !== null && Date.parse(i.nextUpdateAt) < Date.now();
  const names = i.componentIds.map((id) => components.find((c) => c.id === id)?.name).filter((n): n is string => Boolean(n));
  return (
    <>
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
      {names.length > 0 && <p className="muted">{i.kind === 'incident' ? 'Affects' : 'Covers'} {names.join(', ')}</p>}
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
      {mode === 'post' && <PostUpdateForm incident={i} templates={templates} onDone={() => setMode(null)} />}
      {mode === 'edit' && <EditIncidentForm incident={i} components={components} onDone={() => setMode(null)} />}
      {mode === null && (canPost || isAdmin) && (
        <div className="form-actions">
          {canPost && (
            <button type="button" className="btn" onClick={() => setMode('post')} aria-label={`Post an update on ${i.name}`}>
              Post an update
            </button>
          )}
          {canPost && (
            <button type="button" className="btn" onClick={() => setMode('edit')} aria-label={`Edit details of ${i.name}`}>
              Edit details
            </button>
          )}
          {isAdmin && <RemoveIncident incident={i} />}
        </div>
      )}
    </>
  );
}

function RemoveIncident({ incident: i }: { incident: PublicIncident }) {
  const refresh = useRefreshStatuspage();
  const announce = useAnnounce();
  const what = i.kind === 'incident' ? 'incident' : 'maintenance';
  const updates = i.updates.length;
  return (
    <DangerButton
      label="Remove"
      ariaLabel={`Remove ${i.name}`}
      title={`Remove “${i.name}” from the page?`}
      confirmLabel={`Remove ${what}`}
      action={() => deleteIncident(i.id)}
      onDone={() => {
        void refresh();
        announce(`“${i.name}” removed from the status page.`);
      }}
    >
      <p>
        Customers no longer see this {what} or its {updates === 1 ? 'update' : `${updates} updates`}, on the page or in its feeds. Emails already sent stay
        sent. This can’t be undone.
      </p>
      {isOpen(i) && <p>Components it set by hand keep that status: set them back under Components.</p>}
    </DangerButton>
  );
}
