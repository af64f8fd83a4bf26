import type { ScheduleRole, User } from '@operable/shared';
import { useEffect, useRef } from 'react';
import { useAnnounce } from '../announcer';
import { plural } from '../format';
import { dstHint, emptyLayer, isCustom, moveItem, previousPrimaryLayer, ROTATIONS, unitOf, WEEKDAY_NAMES, type DraftLayer, type Rotation } from '../schedule-draft';
import { SelectField, TextField } from './Field';
import { ParticipantsEditor } from './ParticipantsEditor';
import { RestrictionFields } from './RestrictionFields';

interface Props {
  layers: DraftLayer[];
  onChange: (layers: DraftLayer[]) => void;
  users: User[];
  /** For new layers' start date. */
  today: string;
  errorFor: (name: string) => string | undefined;
}

const UNIT_WORDS = { week: 'weeks', day: 'days', hour: 'hours' } as const;

/** The schedule's layers, bottom first: a later layer wins where it has someone on call. */
export function LayerEditor({ layers, onChange, users, today, errorFor }: Props) {
  const announce = useAnnounce();
  const root = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target) root.current?.querySelector<HTMLElement>(`[data-focus="${target}"]`)?.focus();
  }, [layers]);

  const set = (i: number, patch: Partial<DraftLayer>) => onChange(layers.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  function insert(layer: DraftLayer, at: number, message: string) {
    focusNext.current = `${layer.key}-legend`;
    onChange([...layers.slice(0, at), layer, ...layers.slice(at)]);
    announce(message, 'info');
  }

  function move(i: number, by: -1 | 1) {
    const layer = layers[i];
    if (!layer) return;
    focusNext.current = `${layer.key}-legend`;
    onChange(moveItem(layers, i, i + by));
    announce(`Layer moved to position ${i + by + 1} of ${layers.length}.`, 'info');
  }

  function remove(i: number) {
    focusNext.current = layers[i - 1] ? `${layers[i - 1]!.key}-legend` : 'layers-heading';
    onChange(layers.filter((_, j) => j !== i));
    announce(`Layer ${i + 1} removed.`, 'info');
  }

  return (
    <div ref={root} className="layers">
      <h2 data-focus="layers-heading" tabIndex={-1}>
        Layers
      </h2>
      <p className="field-hint">
        Each layer is a rotation. Where two layers of the same role both have someone on call, the later one in this list wins
        (for example, a business-hours layer over a round-the-clock one).
      </p>
      <ol className="step-list">
        {layers.map((layer, i) => {
          const where = `layer ${i + 1}`;
          const p = `layers.${i}`;
          const unit = unitOf(layer.rotation);
          const custom = isCustom(layer.rotation);
          // Next to the length it depends on; on the rotation itself for plain hourly.
          const dst = dstHint(layer) ?? undefined;
          // Short visible labels; screen readers also hear which layer, as every layer repeats them.
          const named = (text: string) => (
            <>
              {text}
              <span className="visually-hidden">, {where}</span>
            </>
          );
          return (
            <li key={layer.key}>
              <fieldset className="fieldset step">
                <legend>
                  <span data-focus={`${layer.key}-legend`} tabIndex={-1}>
                    Layer {i + 1}
                  </span>
                </legend>
                <div className="row">
                  <TextField label={named('Name')} maxLength={200} value={layer.name} onChange={(e) => set(i, { name: e.target.value })} error={errorFor(`${p}.name`)} />
                  <SelectField label={named('Role')} value={layer.role} onChange={(e) => set(i, { role: e.target.value as ScheduleRole })} error={errorFor(`${p}.role`)}>
                    <option value="primary">Primary</option>
                    <option value="secondary">Secondary</option>
                  </SelectField>
                </div>
                <ParticipantsEditor
                  where={where}
                  idPrefix={layer.key}
                  participants={layer.participants}
                  users={users}
                  error={errorFor(`${p}.participantIds`)}
                  onChange={(participants) => set(i, { participants })}
                />
                <div className="row">
                  <SelectField label={named('Rotation')} hint={custom ? undefined : dst} value={layer.rotation} onChange={(e) => set(i, { rotation: e.target.value as Rotation })} error={errorFor(`${p}.shiftUnit`)}>
                    {ROTATIONS.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </SelectField>
                  {custom && (
                    <TextField
                      label={named(`Shift length in ${UNIT_WORDS[unit]}`)}
                      hint={dst}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={365}
                      value={layer.length}
                      onChange={(e) => set(i, { length: e.target.value })}
                      error={errorFor(`${p}.shiftLength`)}
                    />
                  )}
                  {unit === 'week' && (
                    <SelectField label={named('Handoff day')} value={layer.handoffWeekday} onChange={(e) => set(i, { handoffWeekday: Number(e.target.value) })} error={errorFor(`${p}.handoffWeekday`)}>
                      {WEEKDAY_NAMES.map((d, j) => (
                        <option key={d} value={j + 1}>
                          {d}
                        </option>
                      ))}
                    </SelectField>
                  )}
                  <TextField
                    label={named(unit === 'hour' ? 'First handoff time' : 'Handoff time')}
                    type="time"
                    required
                    value={layer.handoffTime}
                    onChange={(e) => set(i, { handoffTime: e.target.value })}
                    error={errorFor(`${p}.handoffTime`)}
                  />
                  <TextField
                    label={named('Start date')}
                    type="date"
                    required
                    hint="The rotation starts at the first handoff on or after this date."
                    value={layer.startDate}
                    onChange={(e) => set(i, { startDate: e.target.value })}
                    error={errorFor(`${p}.startDate`)}
                  />
                </div>
                <RestrictionFields where={where} windows={layer.restriction} onChange={(restriction) => set(i, { restriction })} errorFor={errorFor} path={`${p}.restriction`} />
                <div className="step-controls">
                  <button type="button" className="btn btn-small" disabled={i === 0} aria-label={`Move layer ${i + 1} up`} onClick={() => move(i, -1)}>
                    Move up
                  </button>
                  <button type="button" className="btn btn-small" disabled={i === layers.length - 1} aria-label={`Move layer ${i + 1} down`} onClick={() => move(i, 1)}>
                    Move down
                  </button>
                  {layer.role === 'primary' && layer.participants.length > 1 && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => insert(previousPrimaryLayer(layer), i + 1, `Secondary layer added after layer ${i + 1}: whoever was primary the shift before.`)}
                    >
                      Add secondary: previous shift’s primary
                    </button>
                  )}
                  {layers.length > 1 && (
                    <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove layer ${i + 1}`} onClick={() => remove(i)}>
                      Remove layer
                    </button>
                  )}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" disabled={layers.length >= 20} onClick={() => insert(emptyLayer(today, layers.length), layers.length, `Layer ${layers.length + 1} added.`)}>
        Add layer
      </button>
      <span className="muted"> {plural(layers.length, 'layer')} (at most 20).</span>
    </div>
  );
}
