import type { CreateTeam, Team } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, FormError, TextAreaField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { keys, useTeams, useUsers } from '../queries';
import { useCan } from '../session';

export function TeamsPage() {
  const teams = useTeams();
  const isAdmin = useCan('admin');
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setCreating(false);
    newButton.current?.focus();
  };

  return (
    <Page
      title="Teams"
      actions={
        isAdmin && (
          <button
            ref={newButton}
            type="button"
            className="btn btn-primary"
            aria-expanded={creating}
            onClick={() => setCreating((c) => !c)}
          >
            New team
          </button>
        )
      }
    >
      {creating && <NewTeamForm onClose={close} />}
      {teams.isPending ? (
        <Loading what="Loading teams" />
      ) : teams.isError ? (
        <QueryError error={teams.error} retry={() => teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <p className="empty">No teams yet.{isAdmin && ' Use “New team” to add one.'}</p>
      ) : (
        <ul className="card-list">
          {teams.data.map((t) => (
            <li key={t.id} className="card">
              <h2 className="card-title">
                <Link to={`/teams/${t.id}`}>{t.name}</Link>
              </h2>
              {t.description && <p className="clamp">{t.description}</p>}
              <p className="muted">
                {t.members.length === 1 ? '1 member' : `${t.members.length} members`}
                {t.members.length > 0 && `: ${t.members.map((m) => m.name).join(', ')}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function NewTeamForm({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const users = useUsers();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);

  const create = useMutation({
    mutationFn: (body: CreateTeam) => api.post<Team>('/api/teams', body),
    onSuccess: (team) => {
      qc.invalidateQueries({ queryKey: keys.teams });
      qc.invalidateQueries({ queryKey: keys.users });
      announce(`Team “${team.name}” created.`);
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!create.isPending) create.mutate({ name: name.trim(), description, memberIds });
  }

  return (
    <section className="panel" aria-labelledby="new-team-h">
      <h2 id="new-team-h">New team</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={create.error} shownFields={['name', 'description', 'memberIds']} />
        <TextField
          label="Team name"
          required
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorFor(create.error, 'name')}
        />
        <TextAreaField
          label="Description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errorFor(create.error, 'description')}
        />
        <fieldset className="fieldset">
          <legend>Members</legend>
          {users.isPending && <Loading what="Loading people" />}
          {users.isError && <QueryError error={users.error} retry={() => users.refetch()} />}
          <div className="check-list">
            {users.data?.map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  checked={memberIds.includes(u.id)}
                  onChange={(e) =>
                    setMemberIds((ids) => (e.target.checked ? [...ids, u.id] : ids.filter((id) => id !== u.id)))
                  }
                />
                {u.name} <span className="muted">({u.email})</span>
              </label>
            ))}
          </div>
          {errorFor(create.error, 'memberIds') && <p className="field-error">{errorFor(create.error, 'memberIds')}</p>}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
            Create team
          </button>
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
