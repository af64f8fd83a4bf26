import type { PublicIncident } from '@operable/shared';
import { useState } from 'react';
import { Loading, Page, QueryError } from '../components/Page';
import { ComponentsSection } from '../components/statuspage/ComponentsSection';
import { IncidentCard } from '../components/statuspage/IncidentCard';
import { NewIncidentForm } from '../components/statuspage/NewIncidentForm';
import { RecentlyClosed } from '../components/statuspage/RecentlyClosed';
import { SubscribersSection } from '../components/statuspage/SubscribersSection';
import { TemplatesSection } from '../components/statuspage/TemplatesSection';
import { plural } from '../format';
import { useCan } from '../session';
import { isOpen } from '../statuspage-format';
import { useSpComponents, useSpIncidents, useSpSubscribers, useSpTemplates } from '../statuspage-queries';

/**
 * The public status page from the inside: open incidents first (their last words to
 * customers and when the next are due), then maintenance, components, templates,
 * recently closed incidents (to correct them) and who hears of an update. Everything
 * here publishes only when a person presses the button that says so; what each
 * person is offered follows the API's own rules (responders speak, admins shape).
 */
export function StatusPageAdminPage() {
  const canPost = useCan('responder');
  const isAdmin = useCan('admin');
  const components = useSpComponents();
  const incidents = useSpIncidents();
  const templates = useSpTemplates();
  const subscribers = useSpSubscribers(isAdmin);
  const [opening, setOpening] = useState<'incident' | 'maintenance' | null>(null);

  const all = incidents.data ?? [];
  const openIncidents = all.filter((i) => i.kind === 'incident' && isOpen(i));
  const maintenance = all.filter((i) => i.kind === 'maintenance' && isOpen(i));
  const past = all.filter((i) => !isOpen(i)).slice(0, 10);
  const troubled = (components.data ?? []).filter((c) => !c.isGroup && c.status !== 'operational');
  const list = (items: PublicIncident[], label: string) => (
    <ul className="card-list card-list-wide" aria-label={label}>
      {items.map((i) => (
        <IncidentCard key={i.id} incident={i} templates={templates.data ?? []} components={components.data ?? []} canPost={canPost} isAdmin={isAdmin} />
      ))}
    </ul>
  );

  return (
    <Page
      title="Status page"
      actions={
        <a href="/status" className="btn">
          Open the public page
        </a>
      }
    >
      <p>
        What customers read at <a href="/status">/status</a>.{' '}
        {components.data && (troubled.length ? `${troubled.length} of ${components.data.filter((c) => !c.isGroup).length} components show a problem.` : 'Every component shows operational.')}
        {isAdmin && subscribers.data && ` ${plural(subscribers.data.filter((s) => s.confirmed).length, 'subscriber hears', 'subscribers hear')} of each update.`}
      </p>
      {incidents.isPending || components.isPending ? (
        <Loading what="Loading the status page" />
      ) : incidents.isError ? (
        <QueryError error={incidents.error} retry={() => incidents.refetch()} />
      ) : components.isError ? (
        <QueryError error={components.error} retry={() => components.refetch()} />
      ) : (
        <>
          <section aria-labelledby="sp-incidents-h">
            <h2 id="sp-incidents-h">Open incidents</h2>
            {openIncidents.length ? list(openIncidents, 'Open incidents') : <p className="muted">No open incident on the page.</p>}
            {canPost && opening !== 'incident' && (
              <button type="button" className="btn btn-primary" onClick={() => setOpening('incident')}>
                New public incident
              </button>
            )}
            {opening === 'incident' && <NewIncidentForm kind="incident" components={components.data} onDone={() => setOpening(null)} />}
          </section>
          <section aria-labelledby="sp-maintenance-h">
            <h2 id="sp-maintenance-h">Scheduled maintenance</h2>
            {maintenance.length ? list(maintenance, 'Scheduled maintenance') : <p className="muted">None scheduled.</p>}
            {canPost && opening !== 'maintenance' && (
              <button type="button" className="btn" onClick={() => setOpening('maintenance')}>
                Schedule maintenance
              </button>
            )}
            {opening === 'maintenance' && <NewIncidentForm kind="maintenance" components={components.data} onDone={() => setOpening(null)} />}
          </section>
          <section aria-labelledby="sp-components-h">
            <h2 id="sp-components-h">Components</h2>
            <ComponentsSection components={components.data} isAdmin={isAdmin} />
          </section>
          <section aria-labelledby="sp-templates-h">
            <h2 id="sp-templates-h">Templates</h2>
            {templates.isError ? <QueryError error={templates.error} retry={() => templates.refetch()} /> : <TemplatesSection templates={templates.data ?? []} canEdit={canPost} />}
          </section>
          {past.length > 0 && (
            <section aria-labelledby="sp-past-h">
              <h2 id="sp-past-h">Recently closed</h2>
              <RecentlyClosed items={past} templates={templates.data ?? []} components={components.data} canPost={canPost} isAdmin={isAdmin} />
            </section>
          )}
          {isAdmin && (
            <section aria-labelledby="sp-subscribers-h">
              <h2 id="sp-subscribers-h">Subscribers</h2>
              {subscribers.isError ? (
                <QueryError error={subscribers.error} retry={() => subscribers.refetch()} />
              ) : subscribers.data ? (
                <SubscribersSection subscribers={subscribers.data} components={components.data} />
              ) : (
                <Loading what="Loading subscribers" />
              )}
            </section>
          )}
        </>
      )}
    </Page>
  );
}
