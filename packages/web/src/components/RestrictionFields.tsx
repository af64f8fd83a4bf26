import { useState } from 'react';
import { draftKey, RESTRICTION_PRESETS, type DraftWindow } from '../schedule-draft';
import { SelectField, TextField } from './Field';

type Mode = 'none' | 'weekdays' | 'business' | 'daily' | 'custom';

const MODES: { value: Mode; label: string }[] = [
  { value: 'none', label: 'Around the clock' },
  { value: 'weekdays', label: 'Weekdays only (Mon–Fri, all day)' },
  { value: 'business', label: 'Business hours (Mon–Fri 9–17)' },
  { value: 'daily', label: 'The same hours every day (follow the sun)' },
  { value: 'custom', label: 'Custom windows' },
];

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function detect(windows: DraftWindow[] | null): Mode {
  if (!windows) return 'none';
  const [w, ...rest] = windows;
  if (!w || rest.length) return 'custom';
  const days = [...w.days].sort().join();
  if (days === '1,2,3,4,5' && w.start === '00:00' && w.end === '00:00') return 'weekdays';
  if (days === '1,2,3,4,5' && w.start === '09:00' && w.end === '17:00') return 'business';
  if (days === '1,2,3,4,5,6,7') return 'daily';
  return 'custom';
}

interface Props {
  where: string;
  windows: DraftWindow[] | null;
  onChange: (windows: DraftWindow[] | null) => void;
  errorFor: (name: string) => string | undefined;
  /** Dotted path of the restriction in API errors, e.g. `layers.0.restriction`. */
  path: string;
}

/** When a layer counts: around the clock, a preset, or windows of days and hours. */
export function RestrictionFields({ where, windows, onChange, errorFor, path }: Props) {
  const [mode, setMode] = useState<Mode>(() => detect(windows));

  function choose(next: Mode) {
    setMode(next);
    if (next === 'none') onChange(null);
    else if (next === 'weekdays') onChange(RESTRICTION_PRESETS.weekdays());
    else if (next === 'business') onChange(RESTRICTION_PRESETS.business());
    else if (next === 'daily') onChange(RESTRICTION_PRESETS.daily('08:00', '16:00'));
    else onChange(windows ?? RESTRICTION_PRESETS.business());
  }

  const patch = (key: string, p: Partial<DraftWindow>) => onChange((windows ?? []).map((w) => (w.key === key ? { ...w, ...p } : w)));
  const own = errorFor(path);

  return (
    <div className="restriction">
      <SelectField
        label={<>When on call<span className="visually-hidden">, {where}</span></>}
        value={mode}
        onChange={(e) => choose(e.target.value as Mode)}
        hint="Outside these times, the layers before this one (or nobody) are on call. Times are in the schedule’s time zone."
        error={own}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </SelectField>
      {windows && mode !== 'weekdays' && mode !== 'business' && (
        <>
          <p className="field-hint">An end at or before the start runs past midnight; the same start and end is the whole day.</p>
          {windows.map((w, i) => {
            const label = windows.length > 1 ? `window ${i + 1} of ${where}` : where;
            const p = `${path}.${i}`;
            return (
              <fieldset key={w.key} className="fieldset">
                <legend>{windows.length > 1 ? `Window ${i + 1}` : 'Window'}</legend>
                {mode === 'custom' && (
                  <div className="day-grid day-grid-compact" role="group" aria-label={`Days of ${label}`}>
                    {DAYS.map((d, j) => (
                      <label key={d} className="check">
                        <input
                          type="checkbox"
                          aria-label={`${DAY_NAMES[j]}, ${label}`}
                          checked={w.days.includes(j + 1)}
                          onChange={(e) => patch(w.key, { days: e.target.checked ? [...w.days, j + 1] : w.days.filter((x) => x !== j + 1) })}
                        />
                        <span aria-hidden="true">{d}</span>
                      </label>
                    ))}
                  </div>
                )}
                {errorFor(`${p}.days`) && <p className="field-error">{errorFor(`${p}.days`)}</p>}
                <div className="row">
                  <TextField label={<>Starts<span className="visually-hidden">, {label}</span></>} type="time" required value={w.start} onChange={(e) => patch(w.key, { start: e.target.value })} error={errorFor(`${p}.start`)} />
                  <TextField label={<>Ends<span className="visually-hidden">, {label}</span></>} type="time" required value={w.end} onChange={(e) => patch(w.key, { end: e.target.value })} error={errorFor(`${p}.end`)} />
                </div>
                {mode === 'custom' && windows.length > 1 && (
                  <button type="button" className="btn btn-small btn-danger-outline" onClick={() => onChange(windows.filter((x) => x.key !== w.key))}>
                    Remove {label}
                  </button>
                )}
              </fieldset>
            );
          })}
          {mode === 'custom' && (
            <button
              type="button"
              className="btn btn-small"
              disabled={windows.length >= 14}
              onClick={() => onChange([...windows, { key: draftKey(), days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }])}
            >
              Add a window to {where}
            </button>
          )}
        </>
      )}
    </div>
  );
}
