import type { AuditEntry, AuditPage as AuditPageData } from '@operable/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { errorFor, FormError, SelectField, TextField } from '../components/Field';
import { JsonDiff } from '../components/JsonDiff';
import { Loading, Page, QueryError } from '../components/Page';
import { formatDateTime } from '../format';
import { keys, useUsers } from '../queries';
import { useCurrentUser } from '../session';

const FILTERS = ['actorId', 'action', 'entityType', 'entityId', 'since', 'until'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const PAGE_SIZE = 50;

/** datetime-local value (browser time) → RFC 3339, and back. */
function toIso(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}
function toLocal(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

export function AuditPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  const [draft, setDraft] = useState<Filters>(filters);
  const [open, setOpen] = useState<string | null>(null);

  const audit = useInfiniteQuery({
    queryKey: [...keys.audit, filters],
    queryFn: ({ pageParam }) =>
      api.get<AuditPageData>('/api/audit', { ...filters, before: pageParam ?? undefined, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = draft[f]?.trim();
      if (v) next.set(f, f === 'since' || f === 'until' ? toIso(v) : v);
    }
    setParams(next);
  }

  function set(f: keyof Filters, v: string) {
    setDraft((d) => ({ ...d, [f]: v }));
  }

  const entries: AuditEntry[] = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const err = audit.error;

  return (
    <Page title="Audit log">
      <p>Every change made in Operable, newest first. Times are in your time zone ({me.timeZone}).</p>
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <SelectField label="Who" value={draft.actorId ?? ''} onChange={(e) => set('actorId', e.target.value)} error={errorFor(err, 'actorId')}>
          <option value="">Anyone</option>
          {users.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Action" placeholder="e.g. service.update" value={draft.action ?? ''} onChange={(e) => set('action', e.target.value)} error={errorFor(err, 'action')} />
        <TextField label="Item type" placeholder="e.g. service" value={draft.entityType ?? ''} onChange={(e) => set('entityType', e.target.value)} error={errorFor(err, 'entityType')} />
        <TextField label="Item ID" value={draft.entityId ?? ''} onChange={(e) => set('entityId', e.target.value)} error={errorFor(err, 'entityId')} />
        <TextField
          label="From"
          type="datetime-local"
          value={draft.since?.includes('Z') ? toLocal(draft.since) : (draft.since ?? '')}
          onChange={(e) => set('since', e.target.value)}
          error={errorFor(err, 'since')}
        />
        <TextField
          label="Until"
          type="datetime-local"
          value={draft.until?.includes('Z') ? toLocal(draft.until) : (draft.until ?? '')}
          onChange={(e) => set('until', e.target.value)}
          error={errorFor(err, 'until')}
        />
        <div className="filter-buttons">
          <button type="submit" className="btn">
            Apply filters
          </button>
          {Object.keys(filters).length > 0 && (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                setDraft({});
                setParams(new URLSearchParams());
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </form>

      {audit.isPending ? (
        <Loading what="Loading the audit log" />
      ) : audit.isError && entries.length === 0 ? (
        err && (err as { fields?: unknown[] }).fields?.length ? (
          <FormError error={err} title="Filters not valid." shownFields={[...FILTERS]} />
        ) : (
          <QueryError error={err} retry={() => audit.refetch()} />
        )
      ) : entries.length === 0 ? (
        <p className="empty" role="status">
          No entries{Object.keys(filters).length ? ' match these filters' : ' yet'}.
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="audit">
              <caption className="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Item</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const expanded = open === e.id;
                  const hasDiff = e.before != null || e.after != null;
                  return (
                    <Fragment key={e.id}>
                      <tr>
                        <td className="nowrap">{formatDateTime(e.at, me.timeZone)}</td>
                        <td>
                          {e.actorLabel}
                          {e.actorType !== 'user' && <span className="muted"> ({e.actorType === 'api_key' ? 'API key' : 'system'})</span>}
                        </td>
                        <td className="mono">{e.action}</td>
                        <td>
                          {e.entityType}
                          {e.entityId && <span className="muted mono break"> {e.entityId}</span>}
                        </td>
                        <td>
                          {hasDiff && (
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-expanded={expanded}
                              aria-controls={`audit-${e.id}`}
                              onClick={() => setOpen(expanded ? null : e.id)}
                            >
                              {expanded ? 'Hide changes' : 'Show changes'}
                            </button>
                          )}
                        </td>
                      </tr>
                      {expanded && (
                        <tr id={`audit-${e.id}`} className="detail-row">
                          <td colSpan={5}>
                            <JsonDiff before={e.before} after={e.after} />
                            {e.requestId && <p className="muted">Request ID: <span className="mono">{e.requestId}</span></p>}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted" role="status">
            Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}.
          </p>
          {audit.isFetchNextPageError && <QueryError error={err} />}
          {audit.hasNextPage && (
            <button type="button" className="btn" onClick={() => !audit.isFetchingNextPage && audit.fetchNextPage()} aria-disabled={audit.isFetchingNextPage}>
              {audit.isFetchingNextPage ? 'Loading older entries…' : 'Show older entries'}
            </button>
          )}
        </>
      )}
    </Page>
  );
}
