import type { CreateSwapRequest, OnCallEntry, SwapRequest, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatSpan, zoneName } from '../schedule-layout';
import { scheduleKeys } from '../schedule-queries';
import { fromLocalInput, toLocalInput } from '../zoned-time';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from './Field';

interface Props {
  scheduleId: string;
  /** The schedule's shifts from now over the next weeks. */
  upcoming: OnCallEntry[];
  me: User;
  users: User[];
  zone: string;
  now: number;
}

const FIELDS = ['role', 'responderId', 'start', 'end', 'message'];
export const UPCOMING_WEEKS = 8;

/** Ask someone to cover all or part of one of your own shifts; accepting makes it an override. */
export function SwapRequestForm({ scheduleId, upcoming, me, users, zone, now }: Props) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const mine = upcoming
    .filter((s) => s.user.id === me.id && Date.parse(s.end) > now)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((s) => ({ key: `${s.role}|${s.start}`, role: s.role, start: s.start, end: s.end }));
  const [choice, setChoice] = useState('');
  const chosen = mine.find((s) => s.key === choice);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [responderId, setResponderId] = useState('');
  const [message, setMessage] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  function pick(value: string) {
    setChoice(value);
    const shift = mine.find((s) => s.key === value);
    if (!shift) return;
    // A shift already under way can only be handed over from now on.
    setStart(toLocalInput(Math.max(Date.parse(shift.start), now), zone));
    setEnd(toLocalInput(Date.parse(shift.end), zone));
  }

  const send = useMutation({
    mutationFn: (body: CreateSwapRequest) => api.post<SwapRequest>(`/api/schedules/${encodeURIComponent(scheduleId)}/swap-requests`, body),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: scheduleKeys.swaps });
      announce(`Swap request sent to ${r.responder.name}.`);
      setChoice('');
      setResponderId('');
      setMessage('');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (send.isPending) return;
    const s = fromLocalInput(start, zone);
    const t = fromLocalInput(end, zone);
    const problem = !chosen ? 'Choose which of your shifts.' : !responderId ? 'Choose who to ask.' : s === null || t === null || t <= s ? 'The end must be after the start.' : null;
    setLocalError(problem);
    if (problem || !chosen || s === null || t === null) return;
    send.mutate({ role: chosen.role, responderId, start: new Date(s).toISOString(), end: new Date(t).toISOString(), message: message.trim() });
  }

  if (!mine.length) return <p className="muted">You have no shift on this schedule in the next {UPCOMING_WEEKS} weeks.</p>;
  const err = send.error;
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={localError ?? err} shownFields={FIELDS} />
      <SelectField label="Your shift" value={choice} onChange={(e) => pick(e.target.value)} error={errorFor(err, 'role')} hint={`Your shifts in the next ${UPCOMING_WEEKS} weeks.`}>
        <option value="">Choose a shift…</option>
        {mine.map((s) => (
          <option key={s.key} value={s.key}>
            {s.role === 'primary' ? 'Primary' : 'Secondary'}, {formatSpan(s.start, s.end, zone)}
          </option>
        ))}
      </SelectField>
      {chosen && (
        <div className="row">
          <TextField label={`From (${zoneName(zone)})`} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} error={errorFor(err, 'start')} hint="Part of the shift is fine." />
          <TextField label={`Until (${zoneName(zone)})`} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={errorFor(err, 'end')} />
        </div>
      )}
      <SelectField label="Ask" value={responderId} onChange={(e) => setResponderId(e.target.value)} error={errorFor(err, 'responderId')}>
        <option value="">Choose a person…</option>
        {users
          .filter((u) => u.id !== me.id)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
      </SelectField>
      <TextAreaField label="Message" rows={2} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} error={errorFor(err, 'message')} hint="Optional." />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
          Send swap request
        </button>
      </div>
    </form>
  );
}
