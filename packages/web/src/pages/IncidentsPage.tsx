import { useRef, useState } from 'react';
import { IncidentList } from '../components/incident/IncidentList';
import { DeclareIncidentForm } from '../components/incident/DeclareIncidentForm';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { useIncidents } from '../incident-queries';
import { useCan } from '../session';

/** Incidents: the running ones first, each with its commander and when the next update is due. */
export function IncidentsPage() {
  const canDeclare = useCan('responder');
  const open = useIncidents('open');
  const resolved = useIncidents('resolved');
  const [declaring, setDeclaring] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const now = useNow(15_000);
  return (
    <Page
      title="Incidents"
      actions={
        canDeclare && (
          <button ref={button} type="button" className="btn btn-primary" aria-expanded={declaring} onClick={() => setDeclaring((d) => !d)}>
            Declare incident
          </button>
        )
      }
    >
      {declaring && (
        <DeclareIncidentForm
          onClose={() => {
            setDeclaring(false);
            button.current?.focus();
          }}
        />
      )}
      <section aria-labelledby="open-incidents-h">
        <h2 id="open-incidents-h">Running now</h2>
        {open.isPending ? (
          <Loading what="Loading incidents" />
        ) : open.isError ? (
          <QueryError error={open.error} retry={() => open.refetch()} />
        ) : open.data.length === 0 ? (
          <p className="empty">
            <strong>No incident is running.</strong>
          </p>
        ) : (
          <IncidentList items={open.data} now={now} label="Running incidents" />
        )}
      </section>
      <section aria-labelledby="resolved-incidents-h">
        <h2 id="resolved-incidents-h">Resolved</h2>
        {resolved.data?.length ? <IncidentList items={resolved.data.slice(0, 20)} now={now} label="Resolved incidents, newest first" /> : <p className="muted">None yet.</p>}
      </section>
    </Page>
  );
}
