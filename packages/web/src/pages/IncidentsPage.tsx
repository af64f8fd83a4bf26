import { useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { IncidentList } from '../components/incident/IncidentList';
import { DeclareIncidentForm } from '../components/incident/DeclareIncidentForm';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { useIncidents } from '../incident-queries';
import { useCan } from '../session';

type Declaring = 'incident' | 'drill' | null;

/**
 * Incidents: the running ones first, each with its commander and when the next update
 * is due. Declaring (an incident or a drill) is in the address (`?declare=drill`), so
 * the old drill link and a bookmark open the right form.
 */
export function IncidentsPage() {
  const canDeclare = useCan('responder');
  const open = useIncidents('open');
  const resolved = useIncidents('resolved');
  const [params, setParams] = useSearchParams();
  const asked = params.get('declare');
  const declaring: Declaring = canDeclare && (asked === 'incident' || asked === 'drill') ? asked : null;
  const declareButton = useRef<HTMLButtonElement>(null);
  const drillButton = useRef<HTMLButtonElement>(null);
  const now = useNow(15_000);
  const show = (what: Declaring) => setParams(what ? { declare: what } : {}, { replace: true });
  return (
    <Page
      title="Incidents"
      actions={
        canDeclare && (
          <>
            <button ref={declareButton} type="button" className="btn btn-primary" aria-expanded={declaring === 'incident'} onClick={() => show(declaring === 'incident' ? null : 'incident')}>
              Declare incident
            </button>
            <button ref={drillButton} type="button" className="btn" aria-expanded={declaring === 'drill'} onClick={() => show(declaring === 'drill' ? null : 'drill')}>
              Run a drill
            </button>
          </>
        )
      }
    >
      {declaring && (
        <DeclareIncidentForm
          key={declaring}
          drill={declaring === 'drill'}
          onClose={() => {
            show(null);
            (declaring === 'drill' ? drillButton : declareButton).current?.focus();
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
