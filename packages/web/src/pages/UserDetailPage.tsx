import type { UpdateUser, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { CopyBox } from '../components/CopyBox';
import { DangerButton } from '../components/DangerButton';
import { FormError } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { UserForm } from '../components/UserForm';
import { describeWorkingHours, formatDateTime, roleLabel } from '../format';
import { keys, useTeams, useUser } from '../queries';
import { sessionKey, useCurrentUser } from '../session';

export function UserDetailPage() {
  const { id = '' } = useParams();
  const user = useUser(id);
  const me = useCurrentUser();
  const teams = useTeams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const location = useLocation();
  const needsPassword = Boolean((location.state as { needsPassword?: boolean } | null)?.needsPassword);
  const isAdmin = me.role === 'admin';

  const save = useMutation({
    mutationFn: (body: UpdateUser) => api.patch<User>(`/api/users/${id}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(keys.user(id), saved);
      qc.invalidateQueries({ queryKey: keys.users });
      if (saved.id === me.id) qc.invalidateQueries({ queryKey: sessionKey });
      announce(`Saved changes to ${saved.name}.`);
    },
  });

  if (user.isPending) return <Loading what="Loading person" />;
  if (user.isError)
    return (
      <Page title="User" back={{ to: '/users', label: 'Users' }}>
        <QueryError error={user.error} retry={() => user.refetch()} />
      </Page>
    );
  const u = user.data;
  const isSelf = u.id === me.id;
  const memberOf = (teams.data ?? []).filter((t) => u.teamIds.includes(t.id));

  return (
    <Page
      title={u.name}
      back={{ to: '/users', label: 'Users' }}
      actions={
        isAdmin &&
        !isSelf && (
          <DangerButton
            label="Delete user"
            title={`Delete ${u.name}?`}
            confirmLabel="Delete user"
            action={() => api.del(`/api/users/${u.id}`)}
            onDone={() => {
              qc.removeQueries({ queryKey: keys.user(u.id) });
              qc.invalidateQueries({ queryKey: keys.users });
              qc.invalidateQueries({ queryKey: keys.teams });
              announce(`${u.name} deleted.`);
              navigate('/users');
            }}
          >
            <p>
              <strong>{u.name}</strong> ({u.email}) will no longer be able to sign in, and is removed from their teams.
              Their API keys stop working.
            </p>
          </DangerButton>
        )
      }
    >
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd className="break">{u.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(u.role)}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{u.timeZone}</dd>
        </div>
        <div>
          <dt>Working hours</dt>
          <dd>{describeWorkingHours(u.workingHours)}</dd>
        </div>
        <div>
          <dt>Teams</dt>
          <dd>
            {memberOf.length
              ? memberOf.map((t, i) => (
                  <span key={t.id}>
                    {i > 0 && ', '}
                    <Link to={`/teams/${t.id}`}>{t.name}</Link>
                  </span>
                ))
              : 'None'}
          </dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(u.createdAt, me.timeZone)}</dd>
        </div>
      </dl>
      {isSelf && (
        <p>
          This is you. Change your own details and password on your <Link to="/profile">profile</Link>.
        </p>
      )}
      {isAdmin && <ResetLink user={u} highlight={needsPassword} />}
      {isAdmin && (
        <section className="panel" aria-labelledby="edit-user-h">
          <h2 id="edit-user-h">Edit {u.name}</h2>
          <UserForm
            key={u.updatedAt}
            user={u}
            submitLabel="Save changes"
            busy={save.isPending}
            error={save.error}
            onSubmit={({ password: _unused, ...v }) => save.mutate(v)}
          />
        </section>
      )}
    </Page>
  );
}

function ResetLink({ user, highlight }: { user: User; highlight: boolean }) {
  const announce = useAnnounce();
  const create = useMutation({
    mutationFn: () => api.post<{ url: string; expiresAt: string }>(`/api/users/${user.id}/password-reset-link`),
    onSuccess: () => announce('Password link created. Copy it and send it to them.'),
  });
  const me = useCurrentUser();
  return (
    <section className={`panel${highlight ? ' panel-highlight' : ''}`} aria-labelledby="reset-h">
      <h2 id="reset-h">Password link</h2>
      <p>
        {highlight
          ? `${user.name} has no password yet. Create a link and send it to them so they can choose one.`
          : `If ${user.name} forgot their password, create a link and send it to them. Anyone with the link can set the password, so send it privately.`}
      </p>
      <FormError error={create.error} title="No link created." />
      {create.data && (
        <>
          <CopyBox label="Link to send them" value={create.data.url} />
          <p className="muted">Works once, until {formatDateTime(create.data.expiresAt, me.timeZone)}.</p>
        </>
      )}
      <button type="button" className="btn" onClick={() => !create.isPending && create.mutate()} aria-disabled={create.isPending}>
        {create.data ? 'Create a new link' : 'Create password link'}
      </button>
    </section>
  );
}
