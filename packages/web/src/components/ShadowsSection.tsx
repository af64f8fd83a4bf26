import type { CreateShadow, Shadow, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatMoment, zoneName } from '../schedule-layout';
import { scheduleKeys, useShadows } from '../schedule-queries';
import { fromLocalInput, toLocalInput } from '../zoned-time';
import { DangerButton } from './DangerButton';
import { errorFor, FormError, SelectField, TextField } from './Field';
import { Loading, QueryError } from './Page';

interface Props {
  scheduleId: string;
  users: User[];
  zone: string;
  editable: boolean;
}

/** People who get copies of the schedule's pages while they learn; never the one paged. */
export function ShadowsSection({ scheduleId, users, zone, editable }: Props) {
  const shadows = useShadows(scheduleId);
  const qc = useQueryClient();
  const announce = useAnnounce();
  const path = `/api/schedules/${encodeURIComponent(scheduleId)}/shadows`;
  const span = (s: Shadow) => `from ${formatMoment(s.start, zone)}${s.end ? ` until ${formatMoment(s.end, zone)}` : ', no end'}`;

  return (
    <section className="panel" aria-labelledby="shadows-h">
      <h2 id="shadows-h">Shadows</h2>
      <p className="field-hint">A shadow gets a copy of every page (or of one person’s pages) so they can learn the rotation; they are never the one paged.</p>
      {shadows.isPending ? (
        <Loading what="Loading shadows" />
      ) : shadows.isError ? (
        <QueryError error={shadows.error} retry={() => shadows.refetch()} />
      ) : shadows.data.length === 0 ? (
        <p className="muted">Nobody shadows this schedule.</p>
      ) : (
        <ul className="member-list" aria-label="Shadows">
          {shadows.data.map((s) => (
            <li key={s.id}>
              <span>
                <strong>{s.user.name}</strong> shadows {s.shadowed ? s.shadowed.name : 'everyone on call'} <span className="muted">{span(s)}</span>
              </span>
              {editable && (
                <DangerButton
                  small
                  label="Remove"
                  ariaLabel={`Remove shadow ${s.user.name}`}
                  title={`Stop ${s.user.name} shadowing?`}
                  confirmLabel="Remove shadow"
                  action={() => api.del(`${path}/${encodeURIComponent(s.id)}`)}
                  onDone={() => {
                    qc.invalidateQueries({ queryKey: scheduleKeys.shadows(scheduleId) });
                    announce(`${s.user.name} no longer shadows this schedule.`);
                  }}
                >
                  <p>{s.user.name} will stop getting copies of this schedule’s pages.</p>
                </DangerButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <ShadowForm path={path} scheduleId={scheduleId} users={users} zone={zone} />}
    </section>
  );
}

function ShadowForm({ path, scheduleId, users, zone }: { path: string; scheduleId: string; users: User[]; zone: string }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [userId, setUserId] = useState('');
  const [shadowedId, setShadowedId] = useState('');
  const [start, setStart] = useState(() => toLocalInput(Date.now(), zone));
  const [end, setEnd] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: (body: CreateShadow) => api.post<Shadow>(path, body),
    onSuccess: (s) => {
      qc.invalidateQueries({ queryKey: scheduleKeys.shadows(scheduleId) });
      announce(`${s.user.name} now shadows ${s.shadowed ? s.shadowed.name : 'this schedule'}.`);
      setUserId('');
      setShadowedId('');
      setEnd('');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (add.isPending) return;
    const s = fromLocalInput(start, zone);
    const t = end ? fromLocalInput(end, zone) : null;
    const problem = !userId ? 'Choose who shadows.' : s === null ? 'Fill in when shadowing starts.' : t !== null && t <= s ? 'The end must be after the start.' : null;
    setLocalError(problem);
    if (problem || s === null) return;
    add.mutate({ userId, shadowedUserId: shadowedId || null, start: new Date(s).toISOString(), end: t === null ? null : new Date(t).toISOString() });
  }

  const err = add.error;
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="shadow-form-h">
      <h3 id="shadow-form-h">Add a shadow</h3>
      <FormError error={localError ?? err} shownFields={['userId', 'shadowedUserId', 'start', 'end']} />
      <div className="row">
        <SelectField label="Who shadows" value={userId} onChange={(e) => setUserId(e.target.value)} error={errorFor(err, 'userId')}>
          <option value="">Choose a person…</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Whose pages" value={shadowedId} onChange={(e) => setShadowedId(e.target.value)} error={errorFor(err, 'shadowedUserId')}>
          <option value="">Everyone on call</option>
          {users
            .filter((u) => u.id !== userId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                Only {u.name}’s
              </option>
            ))}
        </SelectField>
      </div>
      <div className="row">
        <TextField label={`Starts (${zoneName(zone)})`} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} error={errorFor(err, 'start')} />
        <TextField label={`Ends (${zoneName(zone)})`} type="datetime-local" hint="Optional." value={end} onChange={(e) => setEnd(e.target.value)} error={errorFor(err, 'end')} />
      </div>
      <button type="submit" className="btn" aria-disabled={add.isPending}>
        Add shadow
      </button>
    </form>
  );
}
