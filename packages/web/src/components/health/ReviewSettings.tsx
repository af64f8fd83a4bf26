import type { HealthOrgSettings } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { TimeZoneSelect } from '../TimeZoneSelect';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * When and where a weekly review goes: the team's (or, with `teamId` null, the
 * organisation's) zone — its weeks too — day, time and emails.
 */
export function ReviewSettings({ teamId }: { teamId: string | null }) {
  const qc = useQueryClient();
  const key = ['health', 'settings', teamId ?? 'org'];
  const path = teamId ? `/api/health/teams/${encodeURIComponent(teamId)}/settings` : '/api/health/org/settings';
  const settings = useQuery({ queryKey: key, queryFn: () => api.get<HealthOrgSettings>(path) });
  const [zone, setZone] = useState('UTC');
  const [weekday, setWeekday] = useState(2);
  const [time, setTime] = useState('09:00');
  const [emails, setEmails] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setZone(settings.data.timeZone);
    setWeekday(settings.data.reportWeekday);
    setTime(settings.data.reportTime);
    setEmails(settings.data.reportEmails.join(', '));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      api.patch<HealthOrgSettings>(path, {
        timeZone: zone,
        reportWeekday: weekday,
        reportTime: time,
        reportEmails: emails
          .split(/[,\s]+/)
          .map((e) => e.trim())
          .filter(Boolean),
      }),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      qc.invalidateQueries({ queryKey: ['health'] });
      setSaved(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form className="form no-print" onSubmit={submit} aria-labelledby="review-settings-h">
      <h3 id="review-settings-h">Weekly review delivery</h3>
      <TimeZoneSelect value={zone} onChange={(e) => setZone(e.target.value)} hint={`The ${teamId ? 'team' : 'organisation'}'s weeks start Monday 00:00 here.`} />
      <label className="field">
        Day
        <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
          {DAYS.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Time <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
      </label>
      <label className="field">
        Email it to <input type="text" value={emails} onChange={(e) => setEmails(e.target.value)} placeholder="team@example.com, lead@example.com" />
      </label>
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        Save delivery
      </button>
      {saved && <p className="alert alert-success">Saved. The next review goes out on {DAYS[weekday - 1]} at {time} ({zone}).</p>}
      {save.isError && <p className="alert alert-error">{errorMessage(save.error)}</p>}
    </form>
  );
}
