import type { Service } from '@operable/shared';
import { useId, useState } from 'react';
import { draftSpan, MAX_MAINTENANCE_MINUTES, presetSpan, PRESET_MINUTES, type MaintenanceDraft } from '../maintenance-draft';
import { describeRecurring, formatMinutes } from '../maintenance-format';
import { WEEKDAY_NAMES } from '../schedule-draft';
import { formatMoment, zoneName } from '../schedule-layout';
import { TextField } from './Field';
import { TimeZoneSelect } from './TimeZoneSelect';

interface FieldsProps {
  draft: MaintenanceDraft;
  set: (patch: Partial<MaintenanceDraft>) => void;
  /** Returns the API error for a field, e.g. `startsAt`. */
  errorFor: (name: string) => string | undefined;
}

/** Lists over this many services get a filter box, so a phone need not scroll through them all. */
const FILTER_FROM = 8;

/** The services a window covers: chosen ones, or (admins) every service, including ones added later. */
export function ServicePicker({ draft, set, errorFor, services, canChooseAll }: FieldsProps & { services: Service[]; canChooseAll: boolean }) {
  const [filter, setFilter] = useState('');
  const errorId = useId();
  const error = errorFor('serviceIds');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? services.filter((s) => s.name.toLowerCase().includes(needle) || s.teamName.toLowerCase().includes(needle)) : services;
  const chosen = services.filter((s) => draft.serviceIds.includes(s.id));

  function toggle(id: string, on: boolean) {
    set({ serviceIds: on ? [...draft.serviceIds, id] : draft.serviceIds.filter((x) => x !== id) });
  }

  return (
    <fieldset className="fieldset">
      <legend>Services</legend>
      {canChooseAll && (
        <label className="check">
          <input type="checkbox" checked={draft.allServices} onChange={(e) => set({ allServices: e.target.checked })} />
          All services, including ones added later
        </label>
      )}
      {!draft.allServices && (
        <>
          {services.length > FILTER_FROM && (
            <TextField label="Find a service" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} hint="By service or team name." />
          )}
          {services.length === 0 ? (
            <p className="muted">There are no services you can plan maintenance for.</p>
          ) : (
            <div className="check-list" role="group" aria-label="Services it covers" aria-describedby={error ? errorId : undefined}>
              {shown.map((s) => (
                <label key={s.id} className="check">
                  <input type="checkbox" checked={draft.serviceIds.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                  <span>
                    {s.name} <span className="muted">({s.teamName})</span>
                  </span>
                </label>
              ))}
              {shown.length === 0 && <p className="muted">No service matches “{filter.trim()}”.</p>}
            </div>
          )}
          <p className="field-hint" aria-live="polite">
            {chosen.length ? `Chosen: ${chosen.map((s) => s.name).join(', ')}` : 'None chosen yet.'}
          </p>
        </>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Start and end of a one-off window in the viewer's zone, with "now for …" presets for a deploy about to start. */
export function OneOffFields({ draft, set, errorFor, zone }: FieldsProps & { zone: string }) {
  const span = draftSpan(draft, zone);
  const presetsId = useId();
  return (
    <>
      <p className="field-hint" id={presetsId}>
        Deploying now? Start at once:
      </p>
      <div className="step-controls" role="group" aria-labelledby={presetsId}>
        {PRESET_MINUTES.map((m) => (
          <button key={m} type="button" className="btn btn-small" onClick={() => set(presetSpan(Date.now(), m, zone))}>
            Now for {formatMinutes(m)}
          </button>
        ))}
      </div>
      <div className="row">
        <TextField
          label={`Start (${zoneName(zone)})`}
          type="datetime-local"
          required
          value={draft.startsAt}
          onChange={(e) => set({ startsAt: e.target.value })}
          error={errorFor('startsAt')}
        />
        <TextField
          label={`End (${zoneName(zone)})`}
          type="datetime-local"
          required
          value={draft.endsAt}
          onChange={(e) => set({ endsAt: e.target.value })}
          error={errorFor('endsAt')}
        />
      </div>
      <p className="muted" aria-live="polite">
        {span ? `Lasts ${formatMinutes(span.minutes)}, until ${formatMoment(span.end, zone)}.` : ''}
      </p>
    </>
  );
}

/** Days, local start time, zone and length of a weekly recurring window. */
export function RecurringFields({ draft, set, errorFor }: FieldsProps) {
  const daysErrorId = useId();
  const daysError = errorFor('days');
  const duration = Number(draft.durationMinutes);
  const valid = draft.days.length > 0 && /^\d{2}:\d{2}$/.test(draft.start) && Number.isInteger(duration) && duration >= 1 && duration <= MAX_MAINTENANCE_MINUTES;

  function toggle(day: number, on: boolean) {
    const days = on ? [...draft.days, day] : draft.days.filter((d) => d !== day);
    set({ days: [...new Set(days)].sort((a, b) => a - b) });
  }

  return (
    <>
      <div className="day-grid" role="group" aria-label="Days it starts on" aria-describedby={daysError ? daysErrorId : undefined}>
        {WEEKDAY_NAMES.map((name, i) => (
          <label key={name} className="check">
            <input type="checkbox" checked={draft.days.includes(i + 1)} onChange={(e) => toggle(i + 1, e.target.checked)} />
            {name}
          </label>
        ))}
      </div>
      {daysError && (
        <p className="field-error" id={daysErrorId}>
          <span aria-hidden="true">⚠ </span>
          {daysError}
        </p>
      )}
      <div className="row">
        <TextField label="Start time" type="time" required value={draft.start} onChange={(e) => set({ start: e.target.value })} error={errorFor('start')} />
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_MAINTENANCE_MINUTES}
          required
          value={draft.durationMinutes}
          onChange={(e) => set({ durationMinutes: e.target.value })}
          error={errorFor('durationMinutes')}
          hint={`At most ${MAX_MAINTENANCE_MINUTES} (a week).`}
        />
      </div>
      <TimeZoneSelect
        value={draft.timeZone}
        onChange={(e) => set({ timeZone: e.target.value })}
        error={errorFor('timeZone')}
        hint="The start time is read in this zone, and stays there across daylight-saving changes."
      />
      <p className="muted" aria-live="polite">
        {valid ? describeRecurring({ days: draft.days, start: draft.start, durationMinutes: duration, timeZone: draft.timeZone }) : ''}
      </p>
    </>
  );
}
