import type { PostmortemSummary } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { lateText, relative, sortForList, STATE_LABEL } from '../postmortem-format';
import { usePostmortems, type PostmortemFilters } from '../postmortem-queries';
import { useServices } from '../queries';

/** The post-mortems to finish, late ones first. */
export function PostmortemsPage() {
  const list = usePostmortems({});
  const now = useNow(60_000);
  const open = list.data ? sortForList(list.data.filter((p) => p.state !== 'closed')) : [];
  const late = open.filter((p) => p.late.length);
  return (
    <Page title="Post-mortems" actions={<Link to="/postmortems/library" className="btn">Library</Link>}>
      <p>
        One for every resolved SEV1–2 incident, made automatically; any incident can have one. Interviews within 2 days, the meeting within a week, a
        follow-up review 30 days later.
      </p>
      {list.isPending ? (
        <Loading what="Loading post-mortems" />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => list.refetch()} />
      ) : open.length === 0 ? (
        <div className="empty">
          <p>Nothing to finish. Closed post-mortems are in the <Link to="/postmortems/library">library</Link>.</p>
        </div>
      ) : (
        <>
          {late.length > 0 && (
            <p className="alert alert-warning" role="status">
              {late.length} post-mortem{late.length === 1 ? ' is' : 's are'} late.
            </p>
          )}
          <PostmortemList items={open} now={now} />
        </>
      )}
    </Page>
  );
}

export function PostmortemList({ items, now }: { items: PostmortemSummary[]; now: number }) {
  return (
    <ul className="card-list card-list-wide pm-list">
      {items.map((p) => (
        <li key={p.id} className={`card${p.late.length ? ' card-warning' : ''}`}>
          <p className="card-title">
            <Link to={`/postmortems/${p.id}`}>{p.title}</Link>
          </p>
          {p.late.length > 0 && <p className="warning-text"><strong>Late:</strong> {lateText(p.late)}</p>}
          <p className="muted">
            <span className="badge">{STATE_LABEL[p.state]}</span> Owner: {p.owner?.name ?? 'nobody yet'} · {p.services.map((s) => s.name).join(', ') || 'no service'}
            {' · '}
            {p.meetingHeldAt ? `meeting held ${relative(p.meetingHeldAt, now)}` : `meeting due ${relative(p.meetingDueAt, now)}`}
            {p.openActionItems > 0 && ` · ${p.openActionItems} open action item${p.openActionItems === 1 ? '' : 's'}`}
          </p>
          {p.snippet && <p className="pm-snippet">…{p.snippet}…</p>}
        </li>
      ))}
    </ul>
  );
}

/** Past post-mortems, searchable for "show and tell". */
export function PostmortemLibraryPage() {
  const [params, setParams] = useSearchParams();
  const filters: PostmortemFilters = Object.fromEntries(['q', 'serviceId', 'severity', 'tag', 'from', 'to'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const [draft, setDraft] = useState(filters);
  const list = usePostmortems(filters);
  const services = useServices({});
  const now = useNow(60_000);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as Record<string, string>, { replace: true });
  };
  const set = (k: keyof PostmortemFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  return (
    <Page title="Post-mortem library" back={{ to: '/postmortems', label: 'Post-mortems' }}>
      <form className="form pm-search" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="pm-q">Search text</label>
          <input id="pm-q" type="search" value={draft.q ?? ''} onChange={set('q')} placeholder="e.g. failover, cache, deploy" />
        </div>
        <div className="field">
          <label htmlFor="pm-service">Service</label>
          <select id="pm-service" value={draft.serviceId ?? ''} onChange={set('serviceId')}>
            <option value="">Any</option>
            {services.data?.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pm-sev">Severity</label>
          <select id="pm-sev" value={draft.severity ?? ''} onChange={set('severity')}>
            <option value="">Any</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>SEV{n}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pm-tag">Tag</label>
          <input id="pm-tag" value={draft.tag ?? ''} onChange={set('tag')} />
        </div>
        <div className="field">
          <label htmlFor="pm-from">Resolved from</label>
          <input id="pm-from" type="date" value={draft.from ?? ''} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="pm-to">Resolved to</label>
          <input id="pm-to" type="date" value={draft.to ?? ''} onChange={set('to')} />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">Search</button>
        </div>
      </form>
      {list.isPending ? (
        <Loading what="Searching" />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <div className="empty"><p>No post-mortems match.</p></div>
      ) : (
        <>
          <p role="status">{list.data.length} post-mortem{list.data.length === 1 ? '' : 's'}</p>
          <PostmortemList items={list.data} now={now} />
        </>
      )}
    </Page>
  );
}
