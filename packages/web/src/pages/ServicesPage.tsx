import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { SelectField, TextField } from '../components/Field';
import { Chips, Loading, Page, QueryError } from '../components/Page';
import { useServices, useTeams } from '../queries';
import { useCurrentUser } from '../session';

export function ServicesPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = {
    teamId: params.get('teamId') ?? undefined,
    tag: params.get('tag') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const services = useServices(filters);
  const teams = useTeams();
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');

  useEffect(() => {
    setQ(params.get('q') ?? '');
    setTag(params.get('tag') ?? '');
  }, [params]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    update({ q: q.trim(), tag: tag.trim() });
  }

  const canCreate = user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);
  const filtered = Boolean(filters.teamId || filters.tag || filters.q);
  const items = services.data ?? [];

  return (
    <Page
      title="Services"
      actions={
        canCreate && (
          <Link to="/services/new" className="btn btn-primary">
            New service
          </Link>
        )
      }
    >
      <form className="filters" onSubmit={submit} role="search" aria-label="Filter services">
        <SelectField label="Team" value={filters.teamId ?? ''} onChange={(e) => update({ teamId: e.target.value })}>
          <option value="">All teams</option>
          {teams.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Tag" value={tag} onChange={(e) => setTag(e.target.value)} spellCheck={false} />
        <TextField label="Search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="filter-buttons">
          <button type="submit" className="btn">
            Apply filters
          </button>
          {filtered && (
            <button type="button" className="btn btn-quiet" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {services.isPending ? (
        <Loading what="Loading services" />
      ) : services.isError ? (
        <QueryError error={services.error} retry={() => services.refetch()} />
      ) : (
        <>
          <p className="muted" role="status">
            {items.length === 1 ? '1 service' : `${items.length} services`}
            {filtered ? ' match these filters' : ''}.
          </p>
          {items.length === 0 ? (
            <div className="empty">
              {filtered ? (
                <p>No services match. Try clearing the filters.</p>
              ) : (
                <p>No services yet.{canCreate && ' Use “New service” to add the first one.'}</p>
              )}
            </div>
          ) : (
            <ul className="card-list">
              {items.map((s) => (
                <li key={s.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/services/${s.id}`}>{s.name}</Link>
                  </h2>
                  <p className="muted">
                    Team: <Link to={`/teams/${s.teamId}`}>{s.teamName}</Link>
                  </p>
                  {s.description && <p className="clamp">{s.description}</p>}
                  <Chips tags={s.tags} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
