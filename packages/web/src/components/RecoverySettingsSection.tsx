import type { Team, UpdateTeam } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { describeRecoverySettings, formatDay, isLocalDate } from '../oncall-format';
import { oncallKeys } from '../oncall-queries';
import { keys } from '../queries';
import { errorFor, FormError, TextField } from './Field';

const FIELDS = ['sleepStart', 'sleepEnd', 'recoveryAfterMinutes', 'recoveryNextDayOverride', 'holidays'];

/** The team's recovery time off rules: read by everyone, changed by admins (like the rest of the team). */
export function RecoverySettingsSection({ team, editable }: { team: Team; editable: boolean }) {
  return (
    <section className="panel" aria-labelledby="recovery-settings-h">
      <h2 id="recovery-settings-h">Recovery time off settings</h2>
      <p>{describeRecoverySettings(team)}</p>
      {editable ? (
        <RecoverySettingsForm team={team} key={team.updatedAt} />
      ) : (
        <p className="muted">
          Holidays: {team.holidays.length ? team.holidays.map((d) => formatDay(d)).join(', ') : 'none'}. An admin can change these.
        </p>
      )}
    </section>
  );
}

function RecoverySettingsForm({ team }: { team: Team }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [sleepStart, setSleepStart] = useState(team.sleepStart);
  const [sleepEnd, setSleepEnd] = useState(team.sleepEnd);
  const [minutes, setMinutes] = useState(String(team.recoveryAfterMinutes));
  const [override, setOverride] = useState(team.recoveryNextDayOverride);
  const [holidays, setHolidays] = useState<string[]>(team.holidays);
  const [newHoliday, setNewHoliday] = useState('');
  const [holidayError, setHolidayError] = useState<string | undefined>();
  const [minutesError, setMinutesError] = useState<string | null>(null);
  const overrideHint = useId();

  const save = useMutation({
    mutationFn: (body: UpdateTeam) => api.patch<Team>(`/api/teams/${encodeURIComponent(team.id)}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(keys.team(team.id), saved);
      qc.invalidateQueries({ queryKey: keys.teams });
      // Holidays change how hours are counted.
      qc.invalidateQueries({ queryKey: oncallKeys.fairnessOf(team.id) });
      announce('Recovery settings saved.');
    },
  });

  function addHoliday() {
    if (!isLocalDate(newHoliday)) return setHolidayError('Choose a date to add.');
    if (holidays.includes(newHoliday)) return setHolidayError(`${formatDay(newHoliday)} is already in the list.`);
    setHolidayError(undefined);
    setHolidays([...holidays, newHoliday].sort());
    setNewHoliday('');
    announce(`${formatDay(newHoliday)} added. Save to keep it.`, 'info');
  }

  function removeHoliday(day: string) {
    setHolidays(holidays.filter((d) => d !== day));
    announce(`${formatDay(day)} removed. Save to keep the change.`, 'info');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const n = Number(minutes);
    const bad = minutes.trim() === '' || !Number.isInteger(n) || n < 1 || n > 1440;
    setMinutesError(bad ? 'Enter whole minutes, from 1 to 1440.' : null);
    if (!bad) save.mutate({ sleepStart, sleepEnd, recoveryAfterMinutes: n, recoveryNextDayOverride: override, holidays });
  }

  const err = save.error;
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={minutesError ?? err} shownFields={FIELDS} />
      <fieldset className="fieldset">
        <legend>Sleep hours</legend>
        <p className="field-hint">In each person’s own time zone. An end before the start runs past midnight.</p>
        <div className="row">
          <TextField label="Sleep hours start" type="time" required value={sleepStart} onChange={(e) => setSleepStart(e.target.value)} error={errorFor(err, 'sleepStart')} />
          <TextField label="Sleep hours end" type="time" required value={sleepEnd} onChange={(e) => setSleepEnd(e.target.value)} error={errorFor(err, 'sleepEnd')} />
        </div>
      </fieldset>
      <TextField
        label="Minutes of weekend or holiday paging that earn a rest day"
        type="number"
        inputMode="numeric"
        min={1}
        max={1440}
        required
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={minutesError ?? errorFor(err, 'recoveryAfterMinutes')}
        hint="Time from each alert’s first page until it is acknowledged or resolved, on a Saturday, Sunday or team holiday."
      />
      <label className="check">
        <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} aria-describedby={overrideHint} />
        Take them off the next day’s on-call
      </label>
      <p className="field-hint" id={overrideHint}>
        Puts the next person in the rotation on call for the rest day. Without it, the day is recorded but shifts don’t change.
      </p>
      {errorFor(err, 'recoveryNextDayOverride') && <p className="field-error">{errorFor(err, 'recoveryNextDayOverride')}</p>}

      <fieldset className="fieldset">
        <legend>Team holidays</legend>
        <p className="field-hint">Days that count like a weekend for everyone in the team, for recovery days and on-call load.</p>
        {holidays.length === 0 ? (
          <p className="muted">No holidays.</p>
        ) : (
          <ul className="member-list" aria-label="Team holidays">
            {holidays.map((d) => (
              <li key={d}>
                <span>{formatDay(d)}</span>
                <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove holiday ${formatDay(d)}`} onClick={() => removeHoliday(d)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        {errorFor(err, 'holidays') && <p className="field-error">{errorFor(err, 'holidays')}</p>}
        <div className="inline-form">
          <TextField
            label="Add a holiday"
            type="date"
            value={newHoliday}
            onChange={(e) => setNewHoliday(e.target.value)}
            // Enter adds the date rather than saving the whole form.
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              addHoliday();
            }}
            error={holidayError}
          />
          <button type="button" className="btn" onClick={addHoliday}>
            Add holiday
          </button>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          Save recovery settings
        </button>
      </div>
    </form>
  );
}
