import type { Postmortem, PostmortemTimelineEntry } from '@operable/shared';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { Loading, Page, QueryError } from '../components/Page';
import { AGENDA, MOMENT_LABEL, partClock } from '../postmortem-format';
import { usePatchPostmortem, usePostmortem, useRecordMeeting, useTimelineNote } from '../postmortem-queries';

/**
 * Meeting mode, for the facilitator's shared screen: the timeboxed agenda with a
 * timer per part, the timeline to walk with a note per entry, and the note-taker's field.
 */
export function MeetingPage() {
  const { id = '' } = useParams();
  const pm = usePostmortem(id);
  if (pm.isPending) return <Loading what="Loading the post-mortem" />;
  if (pm.isError) return <QueryError error={pm.error} retry={() => pm.refetch()} />;
  return <Meeting pm={pm.data} />;
}

function Meeting({ pm }: { pm: Postmortem }) {
  const record = useRecordMeeting(pm.id);
  return (
    <Page title={`Meeting: ${pm.title}`} back={{ to: `/postmortems/${pm.id}`, label: 'The post-mortem' }}>
      <p className="pm-meeting-lead">Blameless: we look for what made sense to people at the time, and what the system could do better.</p>
      <div className="pm-meeting">
        <Agenda />
        <div className="pm-meeting-main">
          <section aria-labelledby="pm-walk">
            <h2 id="pm-walk">Timeline</h2>
            <p className="muted">For each entry, ask the people who acted: what did you see, what did you think?</p>
            <ol className="pm-walk">
              {pm.timeline.map((e) => (
                <WalkEntry key={e.id} pmId={pm.id} entry={e} canEdit={pm.canEdit} />
              ))}
            </ol>
          </section>
          <NoteTaker pm={pm} />
          {pm.canEdit && !pm.meetingHeldAt && (
            <div className="form-actions">
              <button type="button" className="btn btn-primary btn-big" onClick={() => record.mutate()} disabled={record.isPending}>
                The meeting is done: mark reviewed
              </button>
            </div>
          )}
          {record.isError && <p className="alert alert-error" role="alert">{errorMessage(record.error)}</p>}
          {pm.meetingHeldAt && (
            <p className="alert alert-success" role="status">
              Meeting recorded. The follow-up review is scheduled 30 days out. <Link to={`/postmortems/${pm.id}`}>Add action items</Link>.
            </p>
          )}
        </div>
      </div>
    </Page>
  );
}

/** Three parts, each with its own clock; one runs at a time. */
function Agenda() {
  const [elapsed, setElapsed] = useState<Record<string, number>>({});
  const [running, setRunning] = useState<{ key: string; since: number } | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [running]);
  const spent = (key: string) => (elapsed[key] ?? 0) + (running?.key === key ? Date.now() - running.since : 0);
  const stop = () => {
    if (running) setElapsed({ ...elapsed, [running.key]: spent(running.key) });
    setRunning(null);
  };
  const start = (key: string) => {
    const next = running ? { ...elapsed, [running.key]: spent(running.key) } : elapsed;
    setElapsed(next);
    setRunning({ key, since: Date.now() });
  };
  return (
    <section className="pm-agenda" aria-labelledby="pm-agenda">
      <h2 id="pm-agenda">Agenda</h2>
      <ol className="plain-list">
        {AGENDA.map((part) => {
          const clock = partClock(part.minutes, spent(part.key));
          const active = running?.key === part.key;
          return (
            <li key={part.key} className={`pm-part${active ? ' pm-part-active' : ''}${clock.over ? ' pm-part-over' : ''}`}>
              <p className="pm-part-title">
                {part.title} <span className="muted">({part.minutes} min)</span>
              </p>
              <p className="pm-clock" aria-live={active ? 'off' : undefined}>{clock.text}</p>
              <progress max={1} value={clock.fraction} aria-label={`${part.title}: ${clock.text}`} />
              <p className="muted">{part.hint}</p>
              <button type="button" className="btn btn-small" onClick={() => (active ? stop() : start(part.key))}>
                {active ? 'Pause' : 'Start'}<span className="visually-hidden"> {part.title}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function WalkEntry({ pmId, entry, canEdit }: { pmId: string; entry: PostmortemTimelineEntry; canEdit: boolean }) {
  const save = useTimelineNote(pmId);
  const [note, setNote] = useState(entry.note);
  const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const fieldId = `note-${entry.id}`;
  return (
    <li className={`pm-entry${entry.moment ? ' pm-entry-moment' : ''}`}>
      {entry.gapBeforeMinutes !== null && <p className="pm-gap">{entry.gapBeforeMinutes} min with nothing recorded: what was happening?</p>}
      <p>
        <span className="mono">{time}</span> {entry.moment && <strong className="badge">{MOMENT_LABEL[entry.moment]}</strong>} {entry.text}
        {entry.actor && <span className="muted"> ({entry.actor})</span>}
      </p>
      {canEdit ? (
        <>
          <label htmlFor={fieldId} className="visually-hidden">Note for {time} {entry.text}</label>
          <textarea
            id={fieldId}
            rows={2}
            value={note}
            placeholder="What did you see, what did you think?"
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => note !== entry.note && save.mutate({ entryId: entry.id, note })}
          />
          {save.isError && <p className="field-error">Couldn’t save the note: {errorMessage(save.error)}</p>}
        </>
      ) : (
        entry.note && <p className="prewrap">{entry.note}</p>
      )}
    </li>
  );
}

function NoteTaker({ pm }: { pm: Postmortem }) {
  const patch = usePatchPostmortem(pm.id);
  const [notes, setNotes] = useState(pm.meetingNotes);
  return (
    <section aria-labelledby="pm-notes">
      <h2 id="pm-notes">Notes{pm.noteTaker ? ` (${pm.noteTaker.name})` : ''}</h2>
      <label htmlFor="pm-notes-text" className="visually-hidden">Meeting notes</label>
      <textarea id="pm-notes-text" rows={8} value={notes} onChange={(e) => setNotes(e.target.value)} readOnly={!pm.canEdit} />
      {pm.canEdit && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => patch.mutate({ meetingNotes: notes })} disabled={patch.isPending || notes === pm.meetingNotes}>
            {patch.isPending ? 'Saving…' : 'Save notes'}
          </button>
          {patch.isSuccess && notes === pm.meetingNotes && <span role="status" className="muted">Saved</span>}
        </div>
      )}
    </section>
  );
}
