import type { WorkingHours } from '@operable/shared';
import { useId } from 'react';
import { TextField } from './Field';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Props {
  value: WorkingHours;
  onChange: (value: WorkingHours) => void;
  /** Returns the API error for a dotted path, e.g. `workingHours.start`. */
  errorFor: (name: string) => string | undefined;
  prefix?: string;
}

export function WorkingHoursFields({ value, onChange, errorFor, prefix = 'workingHours' }: Props) {
  const hintId = useId();
  const daysError = errorFor(`${prefix}.days`);
  function toggle(day: number, on: boolean) {
    const days = on ? [...value.days, day] : value.days.filter((d) => d !== day);
    onChange({ ...value, days: [...new Set(days)].sort((a, b) => a - b) });
  }
  return (
    <fieldset className="fieldset">
      <legend>Working hours</legend>
      <p className="field-hint" id={hintId}>
        Low-urgency alerts only notify during these hours, in this person’s time zone. An end time before the
        start time means the shift runs past midnight.
      </p>
      <div className="day-grid" role="group" aria-label="Working days" aria-describedby={hintId}>
        {DAYS.map((name, i) => (
          <label key={name} className="check">
            <input type="checkbox" checked={value.days.includes(i + 1)} onChange={(e) => toggle(i + 1, e.target.checked)} />
            {name}
          </label>
        ))}
      </div>
      {daysError && <p className="field-error">{daysError}</p>}
      <div className="row">
        <TextField
          label="Start time"
          type="time"
          required
          value={value.start}
          onChange={(e) => onChange({ ...value, start: e.target.value })}
          error={errorFor(`${prefix}.start`)}
        />
        <TextField
          label="End time"
          type="time"
          required
          value={value.end}
          onChange={(e) => onChange({ ...value, end: e.target.value })}
          error={errorFor(`${prefix}.end`)}
        />
      </div>
    </fieldset>
  );
}
