import type { Team, UpdateTeam } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { DangerButton } from '../components/DangerButton';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { FairnessSection } from '../components/FairnessSection';
import { Loading, Page, QueryError } from '../components/Page';
import { RecoverySettingsSection } from '../components/RecoverySettingsSection';
import { TeamRecoverySection } from '../components/TeamRecoverySection';
import { TeamActionItems } from '../components/TeamActionItems';
import { keys, useServices, useTeam, useUsers } from '../queries';
import { useCan } from '../session';

export function TeamDetailPage() {
  const { id = '' } = useParams();
  const team = useTeam(id);
  const isAdmin = useCan('admin');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();

  if (team.isPending) return <Loading what="Loading team" />;
  if (team.isError)
    return (
      <Page title="Team" back={{ to: '/teams', label: 'Teams' }}>
        <QueryError error={team.error} retry={() => team.refetch()} />
      </Page>
    );
  const t = team.data;

  return (
    <Page
      title={t.name}
      back={{ to: '/teams', label: 'Teams' }}
      actions={
        isAdmin && (
          <DangerButton
            label="Delete team"
            title={`Delete ${t.name}?`}
            confirmLabel="Delete team"
            action={() => api.del(`/api/teams/${t.id}`)}
            onDone={() => {
              qc.removeQueries({ queryKey: keys.team(t.id) });
              qc.invalidateQueries({ queryKey: keys.teams });
              qc.invalidateQueries({ queryKey: keys.users });
              announce(`Team “${t.name}” deleted.`);
              navigate('/teams');
            }}
          >
            <p>
              This deletes the team <strong>{t.name}</strong>. If it still owns services, the server may refuse; move
              them to another team first.
            </p>
          </DangerButton>
        )
      }
    >
      {t.description && <p className="prewrap">{t.description}</p>}
      <TeamActionItems teamId={t.id} />
      <p>
        <Link to={`/teams/${t.id}/health`}>Team health: pager load, sleep pages, toil and risks</Link>
      </p>
      <Members team={t} isAdmin={isAdmin} />
      <TeamServices teamId={t.id} />
      <FairnessSection teamId={t.id} />
      <TeamRecoverySection teamId={t.id} />
      {/* The server lets admins change a team (PATCH /api/teams/{id}), recovery settings included. */}
      <RecoverySettingsSection team={t} editable={isAdmin} />
      {isAdmin && <EditTeam team={t} key={t.updatedAt} />}
    </Page>
  );
}

function Members({ team, isAdmin }: { team: Team; isAdmin: boolean }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const users = useUsers();
  const [pick, setPick] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: keys.team(team.id) });
    qc.invalidateQueries({ queryKey: keys.teams });
    qc.invalidateQueries({ queryKey: keys.users });
    qc.invalidateQueries({ queryKey: ['session'] });
  };
  const add = useMutation({
    mutationFn: (userId: string) => api.put<void>(`/api/teams/${team.id}/members/${userId}`),
    onSuccess: (_v, userId) => {
      refresh();
      setPick('');
      announce(`${users.data?.find((u) => u.id === userId)?.name ?? 'Person'} added to ${team.name}.`);
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.del(`/api/teams/${team.id}/members/${userId}`),
    onSuccess: (_v, userId) => {
      refresh();
      heading.current?.focus();
      announce(`${team.members.find((m) => m.userId === userId)?.name ?? 'Person'} removed from ${team.name}.`);
    },
  });
  const candidates = (users.data ?? []).filter((u) => !team.members.some((m) => m.userId === u.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pick && !add.isPending) add.mutate(pick);
  }

  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h" ref={heading} tabIndex={-1}>
        Members
      </h2>
      <div aria-live="assertive">
        {remove.isError && <p className="alert alert-error">Couldn’t remove: {errorMessage(remove.error)}</p>}
      </div>
      {team.members.length === 0 ? (
        <p className="muted">Nobody is in this team yet.</p>
      ) : (
        <ul className="member-list">
          {team.members.map((m) => (
            <li key={m.userId}>
              <span>
                <Link to={`/users/${m.userId}`}>{m.name}</Link> <span className="muted">{m.email}</span>
              </span>
              {isAdmin && (
                <button
                  type="button"
                  className="btn btn-danger-outline btn-small"
                  aria-label={`Remove ${m.name} from ${team.name}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(m.userId)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin && (
        <form onSubmit={submit} className="inline-form">
          <FormError error={add.error} title="Not added." />
          <SelectField label="Add a person" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{candidates.length ? 'Choose a person…' : 'Everyone is already a member'}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn" disabled={!pick} aria-disabled={add.isPending}>
            Add member
          </button>
        </form>
      )}
    </section>
  );
}

function TeamServices({ teamId }: { teamId: string }) {
  const services = useServices({ teamId });
  return (
    <section aria-labelledby="team-services-h">
      <h2 id="team-services-h">Services</h2>
      {services.isPending ? (
        <Loading what="Loading services" />
      ) : services.isError ? (
        <QueryError error={services.error} retry={() => services.refetch()} />
      ) : services.data.length === 0 ? (
        <p className="muted">This team doesn’t own any services.</p>
      ) : (
        <ul className="plain-list">
          {services.data.map((s) => (
            <li key={s.id}>
              <Link to={`/services/${s.id}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EditTeam({ team }: { team: Team }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const save = useMutation({
    mutationFn: (body: UpdateTeam) => api.patch<Team>(`/api/teams/${team.id}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(keys.team(team.id), saved);
      qc.invalidateQueries({ queryKey: keys.teams });
      announce('Team saved.');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!save.isPending) save.mutate({ name: name.trim(), description });
  }
  return (
    <section aria-labelledby="edit-team-h" className="panel">
      <h2 id="edit-team-h">Edit team</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={save.error} shownFields={['name', 'description']} />
        <TextField label="Team name" required value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.error, 'name')} />
        <TextAreaField
          label="Description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errorFor(save.error, 'description')}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
            Save changes
          </button>
        </div>
      </form>
    </section>
  );
}
