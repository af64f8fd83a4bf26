import type { CreateSchedule, Schedule, Team, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { LayerEditor } from '../components/LayerEditor';
import { Loading, Page, QueryError } from '../components/Page';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useTeams, useUsers } from '../queries';
import { emptyLayer, fromLayer, layerProblem, toLayerInput, type DraftLayer } from '../schedule-draft';
import { scheduleKeys, useRefreshOnCall, useSchedule } from '../schedule-queries';
import { canEditSchedule, useCurrentUser, useViewerZone } from '../session';
import { isoDate, zonedParts } from '../zoned-time';

const FIELDS = ['name', 'description', 'teamId', 'timeZone', 'primaryAckMinutes', 'secondaryAckMinutes'];

export function NewSchedulePage() {
  return <ScheduleFormLoader />;
}

export function EditSchedulePage() {
  const { id = '' } = useParams();
  const schedule = useSchedule(id);
  if (schedule.isPending) return <Loading what="Loading schedule" />;
  if (schedule.isError)
    return (
      <Page title="Edit schedule" back={{ to: '/schedules', label: 'Schedules' }}>
        <QueryError error={schedule.error} retry={() => schedule.refetch()} />
      </Page>
    );
  return <ScheduleFormLoader schedule={schedule.data} />;
}

function ScheduleFormLoader({ schedule }: { schedule?: Schedule }) {
  const user = useCurrentUser();
  const teams = useTeams();
  const users = useUsers();
  const back = schedule ? { to: `/schedules/${schedule.id}`, label: schedule.name } : { to: '/schedules', label: 'Schedules' };
  const editable = schedule ? canEditSchedule(user, schedule.teamId) : user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);
  return (
    <Page title={schedule ? `Edit ${schedule.name}` : 'New schedule'} back={back}>
      {!editable ? (
        <p className="alert alert-info">
          {schedule ? 'Only this schedule’s team members and admins can change it.' : 'Only admins and responders who belong to a team can create schedules.'}
        </p>
      ) : teams.isPending || users.isPending ? (
        <Loading what="Loading teams and people" />
      ) : teams.isError || users.isError ? (
        <QueryError error={teams.error ?? users.error} retry={() => (teams.refetch(), users.refetch())} />
      ) : (
        <ScheduleForm key={schedule?.updatedAt ?? 'new'} schedule={schedule} teams={teams.data} users={users.data} me={user} cancelTo={back.to} />
      )}
    </Page>
  );
}

interface FormProps {
  schedule?: Schedule;
  teams: Team[];
  users: User[];
  me: User;
  cancelTo: string;
}

function ScheduleForm({ schedule, teams, users, me, cancelTo }: FormProps) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const refresh = useRefreshOnCall();
  const viewerZone = useViewerZone();
  const allowed = me.role === 'admin' ? teams : teams.filter((t) => me.teamIds.includes(t.id));
  const [name, setName] = useState(schedule?.name ?? '');
  const [description, setDescription] = useState(schedule?.description ?? '');
  const [teamId, setTeamId] = useState(schedule ? (schedule.teamId ?? '') : me.role === 'admin' ? '' : (allowed[0]?.id ?? ''));
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? viewerZone);
  const [primaryAck, setPrimaryAck] = useState(String(schedule?.primaryAckMinutes ?? 5));
  const [secondaryAck, setSecondaryAck] = useState(String(schedule?.secondaryAckMinutes ?? 30));
  const today = isoDate(zonedParts(Date.now(), timeZone));
  const [layers, setLayers] = useState<DraftLayer[]>(() => (schedule ? schedule.layers.map(fromLayer) : [emptyLayer(today)]));
  const [localError, setLocalError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: CreateSchedule) =>
      schedule ? api.patch<Schedule>(`/api/schedules/${schedule.id}`, body) : api.post<Schedule>('/api/schedules', body),
    onSuccess: (saved) => {
      qc.setQueryData(scheduleKeys.one(saved.id), saved);
      qc.invalidateQueries({ queryKey: scheduleKeys.all });
      refresh(saved.id);
      announce(schedule ? `Saved changes to ${saved.name}.` : `Schedule “${saved.name}” created.`);
      navigate(`/schedules/${saved.id}`);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const problem = !name.trim()
      ? 'Give the schedule a name.'
      : !layers.length
        ? 'Add at least one layer.'
        : layers.map(layerProblem).find(Boolean) ?? null;
    setLocalError(problem);
    if (problem) return;
    save.mutate({
      name: name.trim(),
      description,
      teamId: teamId || null,
      timeZone,
      primaryAckMinutes: Number(primaryAck) || 0,
      secondaryAckMinutes: Number(secondaryAck) || 0,
      layers: layers.map(toLayerInput),
    });
  }

  // Keep the current team selectable when editing, even if the user couldn't pick it for a new schedule.
  const options = schedule?.teamId && !allowed.some((t) => t.id === schedule.teamId) ? teams.filter((t) => t.id === schedule.teamId).concat(allowed) : allowed;
  const err = save.error;
  const fieldError = (n: string) => errorFor(err, n);

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={localError ?? err} shownFields={[...FIELDS, ...layers.map((_, i) => `layers.${i}`)]} />
      <TextField label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
      <TextAreaField label="Description" rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError('description')} />
      <SelectField
        label="Team"
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        error={fieldError('teamId')}
        hint={me.role === 'admin' ? 'A schedule of no team can only be changed by admins.' : 'Only teams you belong to are listed.'}
      >
        {me.role === 'admin' && <option value="">No team</option>}
        {options.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <TimeZoneSelect
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        error={fieldError('timeZone')}
        hint="Handoffs and restriction windows are wall-clock times in this zone, and stay there across daylight-saving changes."
      />
      <div className="row">
        <TextField
          label="Primary acknowledges within (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          value={primaryAck}
          onChange={(e) => setPrimaryAck(e.target.value)}
          error={fieldError('primaryAckMinutes')}
        />
        <TextField
          label="Secondary acknowledges within (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          value={secondaryAck}
          onChange={(e) => setSecondaryAck(e.target.value)}
          error={fieldError('secondaryAckMinutes')}
        />
      </div>
      <LayerEditor layers={layers} onChange={setLayers} users={users} today={today} errorFor={fieldError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          {schedule ? 'Save changes' : 'Create schedule'}
        </button>
        <Link to={cancelTo} className="btn btn-quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
