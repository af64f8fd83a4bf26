import type { IncidentDetail, IncidentTimelineEntry, KeyMoment } from '@operable/shared';
import { memo, useCallback, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import { formatTime } from '../../format';
import { KEY_MOMENT_LABELS, keyMomentChoices } from '../../incident-format';
import { api, incidentPath, useIncidentChange } from '../../incident-queries';
import { errorFor, FormError, TextAreaField } from '../Field';

/**
 * "What happened": a note box on top (markdown, shown sanitized), then the entries
 * in sentences; whoever may edit marks an entry as a key moment.
 */
export function IncidentTimeline({ incident: i, incidentId, timeZone }: { incident: IncidentDetail; incidentId: string; timeZone: string }) {
  // Marking is a mode, so the timeline at 3 a.m. reads as sentences, not a column of buttons.
  const [markMode, setMarkMode] = useState(false);
  const [marking, setMarking] = useState<string | null>(null);
  const toggle = useCallback((id: string) => setMarking((m) => (m === id ? null : id)), []);
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">What happened</h2>
      {i.canEdit && <NoteForm incidentId={incidentId} />}
      {i.canEdit && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={markMode}
            onClick={() => {
              setMarkMode((m) => !m);
              setMarking(null);
            }}
          >
            {markMode ? 'Done marking key moments' : 'Mark key moments'}
          </button>
        </p>
      )}
      <ol className="timeline">
        {i.timeline.map((e) => (
          <TimelineItem
            key={e.id}
            entry={e}
            timeZone={timeZone}
            canMark={i.canEdit && markMode}
            onToggle={toggle}
            timeline={marking === e.id ? i.timeline : null}
            incidentId={incidentId}
          />
        ))}
      </ol>
    </section>
  );
}

/**
 * The note's text lives here, not in the incident's data, so the page refreshing
 * every few seconds never touches what is being typed.
 */
function NoteForm({ incidentId }: { incidentId: string }) {
  const [text, setText] = useState('');
  const add = useIncidentChange<{ text: string }>(incidentId, (b) => api.post(incidentPath(incidentId, '/notes'), b), 'Note added to the timeline.');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (add.isPending) return;
    add.mutate({ text: text.trim() }, { onSuccess: () => setText('') });
  }
  return (
    <form onSubmit={submit} noValidate className="form note-form" aria-label="Add a note">
      <FormError error={add.error} shownFields={['text']} title="Not added." />
      <TextAreaField
        label="Add a note"
        rows={3}
        maxLength={20_000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errorFor(add.error, 'text')}
        hint="What you tried, saw or decided. Markdown works: **bold**, lists, `code`, links."
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={add.isPending}>
          Add note
        </button>
      </div>
    </form>
  );
}

interface ItemProps {
  entry: IncidentTimelineEntry;
  timeZone: string;
  canMark: boolean;
  onToggle: (id: string) => void;
  /** Given only to the entry whose marker is open. */
  timeline: IncidentTimelineEntry[] | null;
  incidentId: string;
}

// Entries never change once written (only their mark does) and structural sharing
// keeps unchanged ones the same objects, so a refresh re-renders only what is new.
const TimelineItem = memo(function TimelineItem({ entry: e, timeZone, canMark, onToggle, timeline, incidentId }: ItemProps) {
  const open = timeline !== null;
  return (
    <li className={`timeline-item incident-${e.kind}`}>
      <time dateTime={e.at} className="muted timeline-time">
        {formatTime(e.at, timeZone)}
      </time>{' '}
      {e.keyMoment && <span className="badge badge-moment">Key moment: {KEY_MOMENT_LABELS[e.keyMoment]}</span>}{' '}
      {e.html ? (
        <>
          <span>
            {e.actor.name} {e.kind === 'update_posted' ? 'posted an update:' : 'noted:'}
          </span>
          {/* Sanitized on the server (the incidents domain renders markdown through an allow-list). */}
          <div className="markdown timeline-note" dangerouslySetInnerHTML={{ __html: e.html }} />
        </>
      ) : (
        <span>{e.text}</span>
      )}
      {canMark && (
        <div className="timeline-mark">
          <button type="button" className="btn btn-small btn-quiet" aria-expanded={open} onClick={() => onToggle(e.id)}>
            {e.keyMoment ? 'Change key moment' : 'Mark as key moment'}
            <span className="visually-hidden">: {formatTime(e.at, timeZone)}</span>
          </button>
          {timeline && <MomentPicker entry={e} timeline={timeline} timeZone={timeZone} incidentId={incidentId} onDone={() => onToggle(e.id)} />}
        </div>
      )}
    </li>
  );
});

function MomentPicker({ entry: e, timeline, timeZone, incidentId, onDone }: { entry: IncidentTimelineEntry; timeline: IncidentTimelineEntry[]; timeZone: string; incidentId: string; onDone: () => void }) {
  const mark = useIncidentChange<KeyMoment | null>(
    incidentId,
    (keyMoment) => api.put(incidentPath(incidentId, `/timeline/${e.id}/key-moment`), { keyMoment }),
    (m) => (m ? `Marked as ${KEY_MOMENT_LABELS[m].toLowerCase()}.` : 'Key moment cleared.'),
  );
  const choose = (m: KeyMoment | null) => !mark.isPending && mark.mutate(m, { onSuccess: onDone });
  return (
    <div className="moment-picker" role="group" aria-label="Key moment of this entry">
      <p className="muted">An incident has one of each; they feed response times and the post-mortem.</p>
      <div className="form-actions segmented">
        {keyMomentChoices(timeline, e.id, (iso) => formatTime(iso, timeZone)).map((c) => (
          <button key={c.moment} type="button" className="btn btn-small" aria-pressed={c.current} onClick={() => !c.current && choose(c.moment)}>
            {c.label}
            {c.movesFrom && <span className="muted"> (moves from {c.movesFrom})</span>}
          </button>
        ))}
        {e.keyMoment && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => choose(null)}>
            Not a key moment
          </button>
        )}
      </div>
      {mark.isError && (
        <p className="field-error" role="alert">
          Not marked: {errorMessage(mark.error)}
        </p>
      )}
    </div>
  );
}
