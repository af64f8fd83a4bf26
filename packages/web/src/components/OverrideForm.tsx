import type { CreateOverride, Override, ScheduleRole, User } from '@operable/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { overrideSpan } from '../override-span';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatSpan, zoneName } from '../schedule-layout';
import { useRefreshOnCall } from '../schedule-queries';
import { fromLocalInput, toLocalInput } from '../zoned-time';
import { errorFor, FormError, SelectField, TextField } from './Field';

export interface OverrideDraft {
  role: ScheduleRole;
  start: string;
  end: string;
  /** Who is on call now in that span; not offered as the replacement. */
  replacing?: { id: string; name: string };
}

interface Props {
  scheduleId: string;
  users: User[];
  roles: ScheduleRole[];
  /** The viewer's zone: the start and end fields are read in it. */
  zone: string;
  initial: OverrideDraft;
  onClose: () => void;
}

const FIELDS = ['role', 'userId', 'start', 'end', 'reason'];

/** Someone else on call for a span; from the form, or prefilled from a shift on the timeline. */
export function OverrideForm({ scheduleId, users, roles, zone, initial, onClose }: Props) {
  const announce = useAnnounce();
  const refresh = useRefreshOnCall();
  const form = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<ScheduleRole>(initial.role);
  const [userId, setUserId] = useState('');
  const [span] = useState(() => overrideSpan(Date.parse(initial.start), Date.parse(initial.end), Date.now()));
  const [start, setStart] = useState(toLocalInput(span.start, zone));
  const [end, setEnd] = useState(toLocalInput(span.end, zone));
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  // Opened from a shift, the span is filled in: the person is what is left to choose.
  useEffect(() => form.current?.querySelector('select')?.focus(), []);

  const save = useMutation({
    mutationFn: (body: CreateOverride) => api.post<Override>(`/api/schedules/${encodeURIComponent(scheduleId)}/overrides`, body),
    onSuccess: (o) => {
      refresh(scheduleId);
      announce(`Override added: ${o.user.name} is on call as ${o.role}, ${formatSpan(o.start, o.end, zone)}.`);
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const s = fromLocalInput(start, zone);
    const t = fromLocalInput(end, zone);
    const problem = !userId ? 'Choose who is on call instead.' : s === null || t === null ? 'Fill in both the start and the end.' : t <= s ? 'The end must be after the start.' : null;
    setLocalError(problem);
    if (problem || s === null || t === null) return;
    save.mutate({ role, userId, start: new Date(s).toISOString(), end: new Date(t).toISOString(), reason: reason.trim() });
  }

  const err = save.error;
  return (
    <form ref={form} onSubmit={submit} noValidate className="form panel panel-highlight" aria-labelledby="override-form-h">
      <h3 id="override-form-h">Add an override</h3>
      {initial.replacing && (
        <p className="muted">
          Instead of {initial.replacing.name}, {formatSpan(initial.start, initial.end, zone)}.
        </p>
      )}
      <FormError error={localError ?? err} shownFields={FIELDS} />
      <SelectField label="Who is on call instead" required value={userId} onChange={(e) => setUserId(e.target.value)} error={errorFor(err, 'userId')}>
        <option value="">Choose a person…</option>
        {users
          .filter((u) => u.id !== initial.replacing?.id)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
      </SelectField>
      {roles.length > 1 && (
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as ScheduleRole)} error={errorFor(err, 'role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r === 'primary' ? 'Primary' : 'Secondary'}
            </option>
          ))}
        </SelectField>
      )}
      <div className="row">
        <TextField label={`Start (${zoneName(zone)})`} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} error={errorFor(err, 'start')} />
        <TextField label={`End (${zoneName(zone)})`} type="datetime-local" required value={end} onChange={(e) => setEnd(e.target.value)} error={errorFor(err, 'end')} />
      </div>
      <TextField label="Reason" maxLength={500} hint="Optional, e.g. “holiday” or “covering the release”." value={reason} onChange={(e) => setReason(e.target.value)} error={errorFor(err, 'reason')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          Add override
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
