import type { HandoffNote, ScheduleRole } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatDateTime } from '../format';
import { formatSpan } from '../schedule-layout';
import { scheduleKeys, useHandoffNote } from '../schedule-queries';
import { errorFor, FormError, TextAreaField } from './Field';
import { Loading, QueryError } from './Page';

/** Notes for whoever takes over from the signed-in person, one per role they are on call for now. */
export function HandoffNoteSection({ scheduleId, roles, zone }: { scheduleId: string; roles: ScheduleRole[]; zone: string }) {
  if (!roles.length) return null;
  return (
    <section className="panel" aria-labelledby="handoff-h">
      <h2 id="handoff-h">Your handoff note</h2>
      <p className="field-hint">What the next person on call should know: open issues, things to watch, what you changed.</p>
      {roles.map((role) => (
        <NoteLoader key={role} scheduleId={scheduleId} role={role} zone={zone} labelled={roles.length > 1} />
      ))}
    </section>
  );
}

function NoteLoader({ scheduleId, role, zone, labelled }: { scheduleId: string; role: ScheduleRole; zone: string; labelled: boolean }) {
  const note = useHandoffNote(scheduleId, role);
  if (note.isPending) return <Loading what="Loading your handoff note" />;
  if (note.isError) return <QueryError error={note.error} retry={() => note.refetch()} />;
  // A new shift starts a new note; saving keeps the form (and focus) as it is.
  return <NoteForm key={note.data.shiftStart} note={note.data} zone={zone} labelled={labelled} />;
}

function NoteForm({ note, zone, labelled }: { note: HandoffNote; zone: string; labelled: boolean }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [body, setBody] = useState(note.body);
  const save = useMutation({
    mutationFn: () =>
      api.put<HandoffNote>(`/api/schedules/${encodeURIComponent(note.scheduleId)}/handoff-note`, { role: note.role, body }),
    onSuccess: (saved) => {
      qc.setQueryData(scheduleKeys.handoff(saved.scheduleId, saved.role), saved);
      announce('Handoff note saved.');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  }

  const role = note.role === 'primary' ? 'Primary' : 'Secondary';
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={save.error} shownFields={['body']} />
      <TextAreaField
        label={labelled ? `Handoff note (${role.toLowerCase()})` : 'Handoff note'}
        rows={5}
        maxLength={20_000}
        hint={`${role} shift ${formatSpan(note.shiftStart, note.shiftEnd, zone)}.${note.updatedAt ? ` Last saved ${formatDateTime(note.updatedAt, zone)}.` : ''}`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errorFor(save.error, 'body')}
      />
      <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
        Save handoff note
      </button>
    </form>
  );
}
