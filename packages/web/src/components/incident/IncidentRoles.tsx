import type { AssignRole, IncidentDetail, IncidentRole, IncidentRoleAssignment } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { formatTime } from '../../format';
import { pageState, ROLE_LABELS, ROLE_ORDER } from '../../incident-format';
import { api, incidentPath, useIncidentChange } from '../../incident-queries';
import { useUsers } from '../../queries';
import { errorFor, FormError, SelectField } from '../Field';

/** Who holds each role, and how far a page into the role got; assign, hand over or take someone off. */
export function IncidentRoles({ incident: i, timeZone, incidentId: id }: { incident: IncidentDetail; timeZone: string; incidentId: string }) {
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<IncidentRoleAssignment | null>(null);
  const canChange = i.canEdit && i.status !== 'resolved';
  const remove = useIncidentChange<IncidentRoleAssignment>(
    id,
    (a) => api.del(incidentPath(id, `/roles/${a.role}/${encodeURIComponent(a.user.id)}`)),
    (a) => `${a.user.name} is no longer ${ROLE_LABELS[a.role].toLowerCase()}.`,
  );
  return (
    <section aria-labelledby="roles-h">
      <h2 id="roles-h">Who is on it</h2>
      <ul className="people-list" aria-label="Roles">
        {ROLE_ORDER.map((role) => {
          const holders = i.roles.filter((r) => r.role === role);
          if (!holders.length && role === 'responder') return null;
          return (
            <li key={role} className={`person ${holders.length ? 'person-acknowledged' : 'person-failed'}`}>
              <p className="person-head">
                <strong>{ROLE_LABELS[role]}:</strong> {holders.length ? holders.map((h) => h.user.name).join(', ') : <span className="text-danger">nobody</span>}
              </p>
              {holders.some((h) => h.page) && (
                <ul className="person-steps">
                  {holders
                    .filter((h) => h.page)
                    .map((h) => (
                      <li key={h.id}>
                        {h.user.name}: {pageState(h)} (paged {formatTime(h.page!.pagedAt, timeZone)}
                        {h.page!.notifiedAt ? `, delivered ${formatTime(h.page!.notifiedAt, timeZone)}` : ''}
                        {h.page!.acknowledgedAt ? `, acknowledged ${formatTime(h.page!.acknowledgedAt, timeZone)}` : ''})
                      </li>
                    ))}
                </ul>
              )}
              {canChange && holders.length > 0 && (
                <p className="form-actions">
                  {holders.map((h) => (
                    <button key={h.id} type="button" className="btn btn-small btn-quiet" onClick={() => setRemoving(h)}>
                      Take {h.user.name} off<span className="visually-hidden"> the {ROLE_LABELS[role].toLowerCase()} role</span>
                    </button>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={Boolean(removing)}
        title={removing ? `Take ${removing.user.name} off ${ROLE_LABELS[removing.role].toLowerCase()}?` : ''}
        confirmLabel="Take them off"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing, { onSuccess: () => setRemoving(null) })}
      >
        <p>The role is left empty until someone is assigned; the timeline records it. To pass the role on instead, assign the next person to it: that is a hand-over.</p>
      </ConfirmDialog>
      {canChange && (assigning ? <AssignForm id={id} onClose={() => setAssigning(false)} /> : (
        <button type="button" className="btn" onClick={() => setAssigning(true)}>
          Assign a role
        </button>
      ))}
    </section>
  );
}

function AssignForm({ id, onClose }: { id: string; onClose: () => void }) {
  const users = useUsers();
  const [role, setRole] = useState<IncidentRole>('communicator');
  const [userId, setUserId] = useState('');
  const [page, setPage] = useState(true);
  const assign = useIncidentChange<AssignRole>(id, (body) => api.post(incidentPath(id, '/roles'), body), (b) => `${ROLE_LABELS[b.role]} assigned${b.page ? ' and paged' : ''}.`);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!assign.isPending) assign.mutate({ role, userId, page }, { onSuccess: onClose });
  }
  return (
    <form onSubmit={submit} noValidate className="form panel panel-highlight" aria-label="Assign a role">
      <FormError error={assign.error} shownFields={['role', 'userId']} title="Not assigned." />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as IncidentRole)} error={errorFor(assign.error, 'role')}>
        {ROLE_ORDER.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Person" value={userId} onChange={(e) => setUserId(e.target.value)} error={errorFor(assign.error, 'userId')}>
        <option value="">Choose someone…</option>
        {users.data?.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={page} onChange={(e) => setPage(e.target.checked)} />
        Page them into the role (their notification rules; escalates if they do not acknowledge)
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={assign.isPending}>
          Assign
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
