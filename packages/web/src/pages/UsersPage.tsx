import type { CreateUser, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { Loading, Page, QueryError } from '../components/Page';
import { UserForm, type UserFormValues } from '../components/UserForm';
import { roleLabel } from '../format';
import { keys, useUsers } from '../queries';
import { useCan } from '../session';

export function UsersPage() {
  const users = useUsers();
  const isAdmin = useCan('admin');
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  return (
    <Page
      title="Users"
      actions={
        isAdmin && (
          <button
            ref={newButton}
            type="button"
            className="btn btn-primary"
            aria-expanded={creating}
            onClick={() => setCreating((c) => !c)}
          >
            New user
          </button>
        )
      }
    >
      {creating && (
        <NewUser
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      )}
      {users.isPending ? (
        <Loading what="Loading people" />
      ) : users.isError ? (
        <QueryError error={users.error} retry={() => users.refetch()} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Everyone who can sign in</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Time zone</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/users/${u.id}`}>{u.name}</Link>
                  </th>
                  <td className="break">{u.email}</td>
                  <td>{roleLabel(u.role)}</td>
                  <td>{u.timeZone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function NewUser({ onCancel }: { onCancel: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const create = useMutation({
    mutationFn: (body: CreateUser) => api.post<User>('/api/users', body),
    onSuccess: (user, body) => {
      qc.invalidateQueries({ queryKey: keys.users });
      qc.setQueryData(keys.user(user.id), user);
      announce(`${user.name} added.`);
      navigate(`/users/${user.id}`, { state: { needsPassword: !body.password } });
    },
  });
  return (
    <section className="panel" aria-labelledby="new-user-h">
      <h2 id="new-user-h">New user</h2>
      <UserForm
        submitLabel="Create user"
        busy={create.isPending}
        error={create.error}
        onSubmit={(v: UserFormValues) => create.mutate(v)}
        onCancel={onCancel}
      />
    </section>
  );
}
