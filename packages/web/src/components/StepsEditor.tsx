import type { User } from '@operable/shared';
import { useEffect, useRef, useState } from 'react';
import { useAnnounce } from '../announcer';
import { plural } from '../format';
import { isScheduleTarget, randomSecret, scheduleTargetLabel, stepStartMinutes, type ScheduleTargetType } from '../policy-format';
import { TextField } from './Field';
import { ScheduleTargetPicker, type ScheduleOption } from './ScheduleTargetPicker';

export type DraftTarget =
  | { key: string; type: 'user'; userId: string; name: string; unreachable: boolean }
  | { key: string; type: 'webhook'; url: string; secret: string; existing: boolean }
  | { key: string; type: ScheduleTargetType; scheduleId: string; name: string };

export interface DraftStep {
  key: string;
  delayMinutes: string;
  requireAllAck: boolean;
  targets: DraftTarget[];
}

let counter = 0;
export const newKey = () => `k${++counter}`;
export const emptyStep = (): DraftStep => ({ key: newKey(), delayMinutes: '10', requireAllAck: false, targets: [] });

interface Props {
  steps: DraftStep[];
  onChange: (steps: DraftStep[]) => void;
  users: User[];
  /** Undefined while loading or when they couldn't be loaded. */
  schedules?: ScheduleOption[];
  errorFor: (name: string) => string | undefined;
}

/** Ordered escalation steps: add, remove, reorder, and choose who each one notifies. */
export function StepsEditor({ steps, onChange, users, schedules, errorFor }: Props) {
  const announce = useAnnounce();
  const root = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);
  const starts = stepStartMinutes(steps.map((s) => ({ delayMinutes: Number(s.delayMinutes) || 0 })));

  // After a move or removal, put focus somewhere sensible instead of losing it to <body>.
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (!target) return;
    const el = root.current?.querySelector<HTMLElement>(`[data-focus="${target}"]`);
    (el && !el.hasAttribute('disabled') ? el : root.current?.querySelector<HTMLElement>('[data-focus="steps-heading"]'))?.focus();
  }, [steps]);

  const set = (i: number, patch: Partial<DraftStep>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  function move(i: number, by: -1 | 1) {
    const j = i + by;
    const step = steps[i];
    if (!step || j < 0 || j >= steps.length) return;
    const next = [...steps];
    next.splice(i, 1);
    next.splice(j, 0, step);
    const edge = by < 0 ? j === 0 : j === steps.length - 1;
    focusNext.current = `${step.key}-${edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}`;
    onChange(next);
    announce(`Step moved to position ${j + 1} of ${steps.length}.`, 'info');
  }

  function remove(i: number) {
    focusNext.current = steps[i - 1] ? `${steps[i - 1]!.key}-legend` : 'steps-heading';
    onChange(steps.filter((_, j) => j !== i));
    announce(`Step ${i + 1} removed.`, 'info');
  }

  function add() {
    const step = emptyStep();
    focusNext.current = `${step.key}-legend`;
    onChange([...steps, step]);
  }

  return (
    <div ref={root} className="steps">
      <h2 data-focus="steps-heading" tabIndex={-1}>
        Steps
      </h2>
      <p className="field-hint">
        Step 1 is notified as soon as an alert triggers. Each later step is notified if nobody has acknowledged by then.
      </p>
      {errorFor('steps') && !steps.length && <p className="field-error">{errorFor('steps')}</p>}
      <ol className="step-list">
        {steps.map((step, i) => (
          <li key={step.key}>
            <fieldset className="fieldset step">
              <legend>
                <span data-focus={`${step.key}-legend`} tabIndex={-1}>
                  Step {i + 1}
                </span>
              </legend>
              <p className="muted">
                {(starts[i] ?? 0) === 0
                  ? `Notified as soon as the alert triggers${i > 0 ? ', if nobody has acknowledged' : ''}.`
                  : `Notified ${starts[i]} min after the alert triggers, if nobody has acknowledged.`}
              </p>
              <Targets step={step} index={i} users={users} schedules={schedules} onChange={(targets) => set(i, { targets })} errorFor={errorFor} />
              <TextField
                label="Minutes before the next step"
                type="number"
                inputMode="numeric"
                min={0}
                max={1440}
                required
                hint={i === steps.length - 1 ? 'For the last step: the wait before the policy repeats (if it does).' : undefined}
                value={step.delayMinutes}
                onChange={(e) => set(i, { delayMinutes: e.target.value })}
                error={errorFor(`steps.${i}.delayMinutes`)}
              />
              <label className="check">
                <input type="checkbox" checked={step.requireAllAck} onChange={(e) => set(i, { requireAllAck: e.target.checked })} />
                Everyone must acknowledge
              </label>
              <div className="step-controls">
                <button type="button" className="btn btn-small" data-focus={`${step.key}-up`} disabled={i === 0} aria-label={`Move step ${i + 1} up`} onClick={() => move(i, -1)}>
                  Move up
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  data-focus={`${step.key}-down`}
                  disabled={i === steps.length - 1}
                  aria-label={`Move step ${i + 1} down`}
                  onClick={() => move(i, 1)}
                >
                  Move down
                </button>
                <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove step ${i + 1}`} onClick={() => remove(i)}>
                  Remove step
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={add} disabled={steps.length >= 20}>
        Add step
      </button>
      <span className="muted"> {plural(steps.length, 'step')} (at most 20).</span>
    </div>
  );
}

interface TargetsProps {
  step: DraftStep;
  index: number;
  users: User[];
  schedules?: ScheduleOption[];
  onChange: (targets: DraftTarget[]) => void;
  errorFor: (name: string) => string | undefined;
}

function Targets({ step, index, users, schedules, onChange, errorFor }: TargetsProps) {
  const [pick, setPick] = useState('');
  const prefix = `steps.${index}.targets`;
  const n = index + 1;
  const candidates = users.filter((u) => !step.targets.some((t) => t.type === 'user' && t.userId === u.id));
  const patch = (key: string, p: Partial<DraftTarget>) =>
    onChange(step.targets.map((t) => (t.key === key ? ({ ...t, ...p } as DraftTarget) : t)));

  function addUser() {
    const u = users.find((x) => x.id === pick);
    if (!u) return;
    onChange([...step.targets, { key: newKey(), type: 'user', userId: u.id, name: u.name, unreachable: false }]);
    setPick('');
  }

  const ownError = errorFor(prefix);
  return (
    <div className="targets">
      <h3 className="targets-title">Who step {n} notifies</h3>
      {step.targets.length === 0 ? (
        <p className={ownError ? 'field-error' : 'muted'}>{ownError ?? 'Nobody yet: add a person, a schedule or a webhook.'}</p>
      ) : (
        <ul className="target-list">
          {step.targets.map((t, j) =>
            isScheduleTarget(t) ? (
              <li key={t.key} className="target">
                <span>{scheduleTargetLabel(t.type, t.name)}</span>
                <button
                  type="button"
                  className="btn btn-small btn-danger-outline"
                  aria-label={`Remove ${scheduleTargetLabel(t.type, t.name)} from step ${n}`}
                  onClick={() => onChange(step.targets.filter((x) => x.key !== t.key))}
                >
                  Remove
                </button>
              </li>
            ) : t.type === 'user' ? (
              <li key={t.key} className="target">
                <span>
                  {t.name}
                  {t.unreachable && <span className="warning-text"> — no verified contact method</span>}
                </span>
                <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove ${t.name} from step ${n}`} onClick={() => onChange(step.targets.filter((x) => x.key !== t.key))}>
                  Remove
                </button>
              </li>
            ) : (
              <li key={t.key} className="target target-webhook">
                <TextField
                  label="Webhook URL"
                  type="url"
                  inputMode="url"
                  placeholder="https://"
                  spellCheck={false}
                  value={t.url}
                  onChange={(e) => patch(t.key, { url: e.target.value })}
                  error={errorFor(`${prefix}.${j}.url`)}
                />
                <TextField
                  label="Signing secret"
                  className="mono"
                  spellCheck={false}
                  autoComplete="off"
                  hint={
                    t.existing
                      ? 'Saved secrets are never shown. Leave empty to keep the current one, or enter a new one (16+ characters).'
                      : 'At least 16 characters. The receiver checks the X-Operable-Signature header with it.'
                  }
                  value={t.secret}
                  onChange={(e) => patch(t.key, { secret: e.target.value })}
                  error={errorFor(`${prefix}.${j}.secret`)}
                />
                <div className="step-controls">
                  <button type="button" className="btn btn-small" onClick={() => patch(t.key, { secret: randomSecret() })}>
                    Generate a secret
                  </button>
                  <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove webhook from step ${n}`} onClick={() => onChange(step.targets.filter((x) => x.key !== t.key))}>
                    Remove
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${step.key}-pick`}>Add a person to step {n}</label>
          <select id={`${step.key}-pick`} value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{candidates.length ? 'Choose a person…' : 'Everyone is already in this step'}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" disabled={!pick} onClick={addUser}>
          Add person
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => onChange([...step.targets, { key: newKey(), type: 'webhook', url: '', secret: randomSecret(), existing: false }])}
        >
          Add webhook
        </button>
      </div>
      <ScheduleTargetPicker
        stepKey={step.key}
        stepNumber={n}
        schedules={schedules}
        taken={step.targets.flatMap((t) => (isScheduleTarget(t) ? [`${t.type}:${t.scheduleId}`] : []))}
        onAdd={(type, s) => onChange([...step.targets, { key: newKey(), type, scheduleId: s.id, name: s.name }])}
      />
    </div>
  );
}
