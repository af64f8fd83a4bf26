import type { Alert } from '@operable/shared';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { STATUS_FILTERS, statusQuery } from '../alert-format';
import { AlertRow } from '../components/AlertRow';
import { SelectField } from '../components/Field';
import { LiveStatus, useNow } from '../components/LiveStatus';
import { OnCallNowPanel } from '../components/OnCallNowPanel';
import { Loading, Page, QueryError } from '../components/Page';
import { PageServiceForm } from '../components/PageServiceForm';
import { plural } from '../format';
import { useAlerts, useServices } from '../queries';
import { useCan, useCurrentUser } from '../session';

const DEFAULT_STATUS = 'open';

export function AlertsPage() {
  const user = useCurrentUser();
  const canAct = useCan('responder');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? DEFAULT_STATUS;
  const serviceId = params.get('serviceId') ?? '';
  const urgency = params.get('urgency') ?? '';
  const alerts = useAlerts({ status: statusQuery(status), serviceId: serviceId || undefined, urgency: urgency || undefined });
  const services = useServices({});
  const now = useNow(10_000);
  const [paging, setPaging] = useState(false);
  const pageButton = useRef<HTMLButtonElement>(null);

  function update(key: string, value: string, fallback = '') {
    const next = new URLSearchParams(params);
    if (value && value !== fallback) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const filtered = status !== DEFAULT_STATUS || Boolean(serviceId || urgency);
  const items: Alert[] = alerts.data?.pages.flatMap((p) => p.items) ?? [];
  const noun = status === 'all' ? 'alert' : `${status.replaceAll(',', ' or ')} alert`;

  return (
    <Page
      title="Alerts"
      actions={
        canAct && (
          <button ref={pageButton} type="button" className="btn btn-primary" aria-expanded={paging} onClick={() => setPaging((p) => !p)}>
            Page a service
          </button>
        )
      }
    >
      {paging && (
        <PageServiceForm
          serviceId={serviceId}
          onClose={() => {
            setPaging(false);
            pageButton.current?.focus();
          }}
        />
      )}
      <form className="filters" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Status" value={status} onChange={(e) => update('status', e.target.value, DEFAULT_STATUS)}>
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Service" value={serviceId} onChange={(e) => update('serviceId', e.target.value)}>
          <option value="">All services</option>
          {services.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Urgency" value={urgency} onChange={(e) => update('urgency', e.target.value)}>
          <option value="">Any urgency</option>
          <option value="high">High</option>
          <option value="low">Low</option>
        </SelectField>
        {filtered && (
          <div className="filter-buttons">
            <button type="button" className="btn btn-quiet" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear filters
            </button>
          </div>
        )}
      </form>

      {alerts.isPending ? (
        <Loading what="Loading alerts" />
      ) : alerts.isError && items.length === 0 ? (
        <QueryError error={alerts.error} retry={() => alerts.refetch()} />
      ) : (
        <>
          <LiveStatus updatedAt={alerts.dataUpdatedAt} error={alerts.isRefetchError ? alerts.error : null} />
          <p className="muted" role="status">
            {items.length === 0 ? '' : `${plural(items.length, noun)}${alerts.hasNextPage ? ' shown' : ''}${serviceId || urgency ? ' matching these filters' : ''}.`}
          </p>
          {items.length === 0 ? (
            <div className="empty">
              {status === DEFAULT_STATUS && !serviceId && !urgency ? (
                <p>
                  <strong>All clear.</strong> No open alerts.
                </p>
              ) : (
                <p>No alerts match these filters.</p>
              )}
            </div>
          ) : (
            <ul className="alert-list" aria-label="Alerts, newest first">
              {items.map((a) => (
                <AlertRow key={a.id} alert={a} canAct={canAct} now={now} timeZone={user.timeZone} />
              ))}
            </ul>
          )}
          {alerts.isFetchNextPageError && <QueryError error={alerts.error} />}
          {alerts.hasNextPage && (
            <button
              type="button"
              className="btn older-button"
              onClick={() => !alerts.isFetchingNextPage && alerts.fetchNextPage()}
              aria-disabled={alerts.isFetchingNextPage}
            >
              {alerts.isFetchingNextPage ? 'Loading older alerts…' : 'Show older alerts'}
            </button>
          )}
        </>
      )}
      <OnCallNowPanel />
    </Page>
  );
}
