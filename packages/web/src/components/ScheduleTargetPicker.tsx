import { useState } from 'react';
import type { ScheduleTargetType } from '../policy-format';

export interface ScheduleOption {
  id: string;
  name: string;
}

const WHO: { value: ScheduleTargetType; label: string }[] = [
  { value: 'schedule_primary', label: 'Its primary' },
  { value: 'schedule_secondary', label: 'Its secondary' },
  { value: 'schedule', label: 'Everyone on call' },
];

interface Props {
  stepKey: string;
  stepNumber: number;
  schedules: ScheduleOption[] | undefined;
  /** `type:scheduleId` of the schedule targets the step already has. */
  taken: string[];
  onAdd: (type: ScheduleTargetType, schedule: ScheduleOption) => void;
}

/** Adds "whoever is on call" on a schedule to a step, resolved when the step fires. */
export function ScheduleTargetPicker({ stepKey, stepNumber, schedules, taken, onAdd }: Props) {
  const [scheduleId, setScheduleId] = useState('');
  const [type, setType] = useState<ScheduleTargetType>('schedule_primary');
  const chosen = schedules?.find((s) => s.id === scheduleId);
  const duplicate = chosen ? taken.includes(`${type}:${chosen.id}`) : false;

  return (
    <div className="inline-form schedule-picker">
      <div className="field">
        <label htmlFor={`${stepKey}-schedule`}>Add a schedule to step {stepNumber}</label>
        <select id={`${stepKey}-schedule`} value={scheduleId} onChange={(e) => setScheduleId(e.target.value)} disabled={!schedules?.length}>
          <option value="">{schedules === undefined ? 'No schedules available' : schedules.length ? 'Choose a schedule…' : 'No schedules yet'}</option>
          {schedules?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${stepKey}-schedule-who`}>Who on it (step {stepNumber})</label>
        <select id={`${stepKey}-schedule-who`} value={type} onChange={(e) => setType(e.target.value as ScheduleTargetType)}>
          {WHO.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn"
        disabled={!chosen || duplicate}
        title={duplicate ? 'Already in this step' : undefined}
        onClick={() => {
          if (!chosen) return;
          onAdd(type, chosen);
          setScheduleId('');
        }}
      >
        Add schedule
      </button>
    </div>
  );
}
