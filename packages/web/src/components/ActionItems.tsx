import type { ActionItem, Postmortem } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { useAddActionItem, useCompleteFollowUp, usePatchActionItem } from '../postmortem-queries';
import { useUsers } from '../queries';
import { errorFor } from './Field';

const STATUS = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' } as const;

/** Action items: each with owner, due date, type, priority, status and tracker link; a form to add one. */
export function ActionItems({ pm }: { pm: Postmortem }) {
  const patch = usePatchActionItem(pm.id);
  return (
    <section aria-labelledby="pm-actions">
      <h2 id="pm-actions">Action items</h2>
      {pm.actionItems.length === 0 ? (
        <p className="muted">None yet. Each item needs an owner and a due date, or it will rot.</p>
      ) : (
        <ul className="card-list pm-items">
          {pm.actionItems.map((a) => (
            <li key={a.id} className={`card${a.overdue ? ' card-warning' : ''}`}>
              <p className="card-title">{a.title}</p>
              <p className="muted">
                {a.type} · {a.priority} priority · {a.owner?.name ?? 'no owner'} · {a.dueOn ? `due ${a.dueOn}` : 'no due date'}
                {a.overdue && <strong className="warning-text"> · overdue</strong>}
                {a.trackerUrl ? (
                  <>
                    {' · '}
                    <a href={a.trackerUrl} rel="noopener noreferrer" target="_blank">{a.trackerKey ?? 'tracker'}</a>
                  </>
                ) : a.trackerKey ? ` · ${a.trackerKey}` : null}
              </p>
              {pm.canEdit && (
                <label className="inline-form">
                  Status{' '}
                  <select value={a.status} onChange={(e) => patch.mutate({ itemId: a.id, body: { status: e.target.value } })} aria-label={`Status of ${a.title}`}>
                    {Object.entries(STATUS).map(([k, v]) => (
                      <option key={k} value={k}>{v}</option>
                    ))}
                  </select>
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      {pm.canEdit && <AddActionItem pmId={pm.id} />}
    </section>
  );
}

function AddActionItem({ pmId }: { pmId: string }) {
  const add = useAddActionItem(pmId);
  const users = useUsers();
  const empty = { title: '', ownerId: '', dueOn: '', type: 'prevent', priority: 'medium', trackerUrl: '', trackerKey: '' };
  const [v, setV] = useState(empty);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { title: v.title, type: v.type, priority: v.priority, ownerId: v.ownerId || null, dueOn: v.dueOn || null, trackerUrl: v.trackerUrl || null, trackerKey: v.trackerKey || null },
      { onSuccess: () => setV(empty) },
    );
  };
  const err = (f: string) => errorFor(add.error, f);
  return (
    <form className="form pm-add-item" onSubmit={submit} aria-label="Add an action item">
      <h3>Add an action item</h3>
      <div className="field">
        <label htmlFor="ai-title">Action</label>
        <input id="ai-title" required value={v.title} onChange={set('title')} aria-invalid={!!err('title')} />
        {err('title') && <p className="field-error">{err('title')}</p>}
      </div>
      <div className="pm-fields">
        <div className="field">
          <label htmlFor="ai-owner">Owner</label>
          <select id="ai-owner" value={v.ownerId} onChange={set('ownerId')}>
            <option value="">Nobody yet</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ai-due">Due</label>
          <input id="ai-due" type="date" value={v.dueOn} onChange={set('dueOn')} />
        </div>
        <div className="field">
          <label htmlFor="ai-type">Type</label>
          <select id="ai-type" value={v.type} onChange={set('type')}>
            {['mitigate', 'prevent', 'detect', 'process'].map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ai-priority">Priority</label>
          <select id="ai-priority" value={v.priority} onChange={set('priority')}>
            {['high', 'medium', 'low'].map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ai-url">Tracker link</label>
          <input id="ai-url" type="url" value={v.trackerUrl} onChange={set('trackerUrl')} placeholder="https://…" aria-invalid={!!err('trackerUrl')} />
          {err('trackerUrl') && <p className="field-error">{err('trackerUrl')}</p>}
        </div>
        <div className="field">
          <label htmlFor="ai-key">Tracker key</label>
          <input id="ai-key" value={v.trackerKey} onChange={set('trackerKey')} placeholder="OPS-123" />
        </div>
      </div>
      {add.isError && !add.error.message.startsWith('Invalid') && <p className="alert alert-error" role="alert">{errorMessage(add.error)}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add action item</button>
      </div>
    </form>
  );
}

/** The 30-day follow-up: decide per item to keep, close or re-plan; the outcome is recorded. */
export function FollowUpReview({ pm }: { pm: Postmortem }) {
  const open = pm.followUps.find((f) => !f.completedAt);
  const done = [...pm.followUps].reverse().find((f) => f.completedAt);
  const complete = useCompleteFollowUp(pm.id);
  const [decisions, setDecisions] = useState<Record<string, { decision: string; dueOn: string }>>({});
  if (!open && !done) return null;
  const items = pm.actionItems;
  const decision = (a: ActionItem) => decisions[a.id] ?? { decision: a.status === 'done' || a.status === 'wont_do' ? 'close' : 'keep', dueOn: '' };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.mutate({
      followUpId: open!.id,
      body: { decisions: items.map((a) => ({ actionItemId: a.id, decision: decision(a).decision, ...(decision(a).decision === 'replan' ? { dueOn: decision(a).dueOn } : {}) })) },
    });
  };
  return (
    <section aria-labelledby="pm-followup">
      <h2 id="pm-followup">30-day follow-up review</h2>
      {open ? (
        <form className="form" onSubmit={submit}>
          <p>Due {new Date(open.dueAt).toLocaleDateString()}. For each item: keep it as it is, close it, or re-plan it with a new date.</p>
          {items.map((a) => (
            <fieldset key={a.id} className="fieldset pm-decision">
              <legend>{a.title} <span className="muted">({STATUS[a.status]})</span></legend>
              {(['keep', 'close', 'replan'] as const).map((d) => (
                <label key={d} className="check">
                  <input type="radio" name={`decision-${a.id}`} checked={decision(a).decision === d} onChange={() => setDecisions({ ...decisions, [a.id]: { ...decision(a), decision: d } })} disabled={!pm.canEdit} />
                  {d === 'replan' ? 'Re-plan' : d === 'keep' ? 'Keep' : 'Close'}
                </label>
              ))}
              {decision(a).decision === 'replan' && (
                <label>
                  New due date{' '}
                  <input type="date" required value={decision(a).dueOn} onChange={(e) => setDecisions({ ...decisions, [a.id]: { ...decision(a), dueOn: e.target.value } })} />
                </label>
              )}
            </fieldset>
          ))}
          {complete.isError && <p className="alert alert-error" role="alert">{errorMessage(complete.error)}</p>}
          {pm.canEdit && (
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={complete.isPending}>Record the follow-up review</button>
            </div>
          )}
        </form>
      ) : (
        <ul className="plain-list">
          {done!.outcome?.map((o) => (
            <li key={o.actionItemId}>
              <strong>{o.decision === 'replan' ? 'Re-plan' : o.decision === 'keep' ? 'Keep' : 'Close'}:</strong> {o.title}
              {o.decision === 'replan' && o.dueOn ? ` (new due date ${o.dueOn})` : ''}
              {o.note ? `: ${o.note}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
