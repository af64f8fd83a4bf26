import type { ChecklistItem, IncidentDetail, IncidentStatus, PostUpdate, WellbeingCheckin } from '@operable/shared';
import { useId, useState, type FormEvent } from 'react';
import { INCIDENT_STATUS_LABELS } from '../../incident-format';
import { api, incidentPath, useIncidentChange, useIncidentActions, useMyCheckins } from '../../incident-queries';
import { formatTime } from '../../format';
import { ConfirmDialog } from '../ConfirmDialog';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../Field';
import { errorMessage } from '../../api';

const NEXT_CHOICES = [
  { value: '15', label: 'In 15 minutes' },
  { value: '30', label: 'In 30 minutes' },
  { value: '60', label: 'In 1 hour' },
  { value: '120', label: 'In 2 hours' },
  { value: 'none', label: 'No further update planned' },
];

export interface UpdateDraft {
  body: string;
  status: IncidentStatus;
  next: string;
}

export const newUpdateDraft = (i: Pick<IncidentDetail, 'status' | 'severity'>): UpdateDraft => ({
  body: '',
  status: i.status === 'resolved' ? 'monitoring' : i.status,
  next: i.severity <= 2 ? '30' : '60',
});

/**
 * A status update, with the time the next one is due (stakeholders plan around it).
 * The draft belongs to the page, so the form may move (to the top when the update is
 * due) without losing what was typed.
 */
export function UpdateForm({ incidentId, autoFocus, draft, onDraft }: { incidentId: string; autoFocus?: boolean; draft: UpdateDraft; onDraft: (d: UpdateDraft) => void }) {
  const { body, status, next } = draft;
  const set = (patch: Partial<UpdateDraft>) => onDraft({ ...draft, ...patch });
  const setBody = (b: string) => set({ body: b });
  const setStatus = (st: IncidentStatus) => set({ status: st });
  const setNext = (n: string) => set({ next: n });
  const post = useIncidentChange<PostUpdate>(incidentId, (b) => api.post(incidentPath(incidentId, '/updates'), b), (b) =>
    b.nextUpdateInMinutes ? `Update posted. Next one due in ${b.nextUpdateInMinutes} min.` : 'Update posted.',
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (post.isPending) return;
    post.mutate({ body: body.trim() || undefined, status, nextUpdateInMinutes: next === 'none' ? null : Number(next) }, { onSuccess: () => setBody('') });
  }
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="update-h">
      <h2 id="update-h">Post an update</h2>
      <FormError error={post.error} shownFields={['body', 'status', 'nextUpdateInMinutes']} title="Not posted." />
      <TextAreaField label="What is known now" rows={4} autoFocus={autoFocus} value={body} onChange={(e) => setBody(e.target.value)} error={errorFor(post.error, 'body')} hint="Plain words; no promises of a fix time." />
      <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as IncidentStatus)} error={errorFor(post.error, 'status')}>
        {(['investigating', 'identified', 'monitoring'] as const).map((s) => (
          <option key={s} value={s}>
            {INCIDENT_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Next update" value={next} onChange={(e) => setNext(e.target.value)} error={errorFor(post.error, 'nextUpdateInMinutes')}>
        {NEXT_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={post.isPending}>
          Post update
        </button>
      </div>
    </form>
  );
}

/** The response checklist from the services' runbooks: ticks are logged with who and when. */
export function Checklist({ incident: i, incidentId, timeZone }: { incident: IncidentDetail; incidentId: string; timeZone: string }) {
  const tick = useIncidentChange<{ item: ChecklistItem; done: boolean }>(
    incidentId,
    ({ item, done }) => api.put(incidentPath(incidentId, `/checklist/${item.id}`), { done }),
    ({ item, done }) => `${done ? 'Ticked' : 'Unticked'}: ${item.text}`,
  );
  if (!i.checklist.length) return null;
  const done = i.checklist.filter((c) => c.doneAt).length;
  return (
    <section aria-labelledby="checklist-h">
      <h2 id="checklist-h">
        Checklist <span className="muted">({done} of {i.checklist.length} done)</span>
      </h2>
      {tick.isError && (
        <p className="field-error" role="alert">
          Couldn’t change the checklist: {errorMessage(tick.error)}
        </p>
      )}
      <ul className="checklist">
        {i.checklist.map((c) => (
          <li key={c.id}>
            <label className="check">
              <input
                type="checkbox"
                // Shows the tick at once; the server's answer (who, when) follows.
                checked={tick.isPending && tick.variables?.item.id === c.id ? tick.variables.done : Boolean(c.doneAt)}
                disabled={!i.canEdit}
                onChange={(e) => !tick.isPending && tick.mutate({ item: c, done: e.target.checked })}
              />
              <span>
                {c.text}
                {c.doneAt && (
                  <span className="muted">
                    {' '}
                    · {c.doneBy?.name ?? 'someone'}, {formatTime(c.doneAt, timeZone)}
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Compensating actions ("turn off the flag", "roll back"), run only after a confirm step, with their result. */
export function CompensatingActions({ incident: i, incidentId, timeZone }: { incident: IncidentDetail; incidentId: string; timeZone: string }) {
  const actions = useIncidentActions(incidentId);
  const [confirming, setConfirming] = useState<{ id: string; name: string; kind: string } | null>(null);
  const run = useIncidentChange<string>(incidentId, (actionId) => api.post(incidentPath(incidentId, `/actions/${actionId}/run`), { confirm: true }), 'Compensating action run. Its result is in the timeline.');
  if (!actions.data?.actions.length && !actions.data?.runs.length) return null;
  return (
    <section aria-labelledby="actions-h">
      <h2 id="actions-h">Compensating actions</h2>
      <ul className="plain-list">
        {actions.data.actions.map((a) => (
          <li key={a.id} className="action-row">
            <span>
              <strong>{a.name}</strong> {a.description && <span className="muted">· {a.description}</span>}
            </span>
            {i.canEdit && i.status !== 'resolved' && (
              <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(a)}>
                Run “{a.name}”…
              </button>
            )}
          </li>
        ))}
      </ul>
      {actions.data.runs.length > 0 && (
        <ul className="plain-list" aria-label="Actions run">
          {actions.data.runs.map((r) => (
            <li key={r.id}>
              {formatTime(r.startedAt, timeZone)} {r.runBy?.name ?? 'Someone'} ran “{r.name}”: {r.outcome}
              {r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}
              {r.error ? ` (${r.error})` : ''}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={Boolean(confirming)}
        title={`Run “${confirming?.name ?? ''}”?`}
        confirmLabel="Run it now"
        busy={run.isPending}
        error={run.isError ? errorMessage(run.error) : null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && run.mutate(confirming.id, { onSuccess: () => setConfirming(null) })}
      >
        <p>{confirming?.kind === 'webhook' ? 'This calls the action’s webhook now and changes production.' : 'This opens the action’s link and logs it.'} It is recorded in the timeline with its result.</p>
      </ConfirmDialog>
    </section>
  );
}

/** After resolve: the responder's own check-in (how stressful, sleep lost), optionally anonymous. */
export function WellbeingForm({ incidentId }: { incidentId: string }) {
  const checkins = useMyCheckins();
  const mine = checkins.data?.find((c) => c.incidentId === incidentId || String(c.incidentNumber) === incidentId);
  if (!mine) return null;
  return <CheckinForm checkin={mine} />;
}

/** The check-in form, on the incident page (a second-level heading) or in the home page's list (`headingLevel` 4). */
export function CheckinForm({ checkin, headingLevel = 2, onAnswered }: { checkin: WellbeingCheckin; headingLevel?: 2 | 4; onAnswered?: () => void }) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const [stress, setStress] = useState(checkin.stress ?? 3);
  const [sleep, setSleep] = useState(String(checkin.sleepLostMinutes ?? 0));
  const [comment, setComment] = useState(checkin.comment ?? '');
  const [anonymous, setAnonymous] = useState(checkin.anonymous);
  const answer = useIncidentChange<object>(checkin.incidentId, (b) => api.post(`/api/wellbeing-checkins/${checkin.id}`, b), 'Thank you. Your check-in is saved.');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!answer.isPending) answer.mutate({ stress, sleepLostMinutes: Number(sleep) || 0, comment: comment.trim() || undefined, anonymous }, { onSuccess: onAnswered });
  }
  if (checkin.answeredAt && !answer.isIdle) return <p className="alert alert-success">Thank you for checking in.</p>;
  return (
    <form onSubmit={submit} noValidate className="form panel" aria-labelledby={headingId}>
      <Heading id={headingId}>How are you after this one?</Heading>
      <p className="muted">{checkin.answeredAt ? 'You answered already; you can change it.' : 'A minute, for you and your team. Rest if you lost sleep.'}</p>
      <FormError error={answer.error} shownFields={['stress', 'sleepLostMinutes', 'comment']} title="Not saved." />
      <fieldset className="fieldset">
        <legend>How stressful was it?</legend>
        <div className="scale">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="check">
              <input type="radio" name={`stress-${headingId}`} value={n} checked={stress === n} onChange={() => setStress(n)} />
              {n}
              {n === 1 ? ' calm' : n === 5 ? ' very' : ''}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField label="Sleep lost (minutes)" type="number" inputMode="numeric" min={0} max={1440} value={sleep} onChange={(e) => setSleep(e.target.value)} error={errorFor(answer.error, 'sleepLostMinutes')} />
      <TextAreaField label="Anything else (optional)" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} error={errorFor(answer.error, 'comment')} />
      <label className="check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        Anonymous: count it only in the team’s trend
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={answer.isPending}>
          Send check-in
        </button>
      </div>
    </form>
  );
}
