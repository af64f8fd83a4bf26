import type { Schedule, ScheduleRole } from '@operable/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { CalendarFeedButton } from '../components/CalendarFeedButton';
import { DangerButton } from '../components/DangerButton';
import { HandoffNoteSection } from '../components/HandoffNoteSection';
import { useNow } from '../components/LiveStatus';
import { OverrideForm, type OverrideDraft } from '../components/OverrideForm';
import { OverridesList } from '../components/OverridesList';
import { Loading, Page, QueryError } from '../components/Page';
import { RecentHandoffs } from '../components/RecentHandoffs';
import { ScheduleTimeline } from '../components/ScheduleTimeline';
import { ShadowsSection } from '../components/ShadowsSection';
import { SwapRequestForm, UPCOMING_WEEKS } from '../components/SwapRequestForm';
import { SwapRequestList } from '../components/SwapRequestList';
import { roleLabel } from '../format';
import { useUsers } from '../queries';
import { describeRotation, describeWindow } from '../schedule-draft';
import { formatMoment, neighbour, windowAt, zoneName, type View } from '../schedule-layout';
import { scheduleKeys, useOnCall, useSchedule, useShifts, useSwapRequests, useUpcomingShifts } from '../schedule-queries';
import { canEditSchedule, useCan, useCurrentUser, useViewerZone } from '../session';

const BACK = { to: '/schedules', label: 'Schedules' };
const MARGIN_MS = 14 * 86_400_000;

export function SchedulePage() {
  const { id = '' } = useParams();
  const schedule = useSchedule(id);
  if (schedule.isPending) return <Loading what="Loading schedule" />;
  if (schedule.isError)
    return (
      <Page title="Schedule" back={BACK}>
        <QueryError error={schedule.error} retry={() => schedule.refetch()} />
      </Page>
    );
  return <ScheduleView schedule={schedule.data} />;
}

function ScheduleView({ schedule }: { schedule: Schedule }) {
  const me = useCurrentUser();
  const zone = useViewerZone();
  const canRespond = useCan('responder');
  const editable = canEditSchedule(me, schedule.teamId);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const users = useUsers();
  const oncall = useOnCall(schedule.id);
  const swaps = useSwapRequests(canRespond);
  const tick = useNow(60_000);
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [override, setOverride] = useState<OverrideDraft | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const win = windowAt(view, anchor, zone);
  // A margin either side, so a shift cut by the view's edge is still known whole when tapped to override it.
  const shifts = useShifts(schedule.id, win.from - MARGIN_MS, win.to + MARGIN_MS);
  // Never older than the shifts on screen: an override starting this minute shows as
  // current as soon as it is fetched, not at the next tick up to a minute later.
  const now = Math.max(tick, shifts.dataUpdatedAt);
  const upcoming = useUpcomingShifts(schedule.id, UPCOMING_WEEKS, canRespond);
  const inView = (shifts.data?.overrides ?? []).filter((o) => Date.parse(o.end) > win.from && Date.parse(o.start) < win.to);
  const roles: ScheduleRole[] = schedule.layers.some((l) => l.role === 'secondary') ? ['primary', 'secondary'] : ['primary'];
  const current = oncall.data?.items ?? [];
  const myRoles = current.filter((e) => e.user.id === me.id).map((e) => e.role);
  const mySwaps = (swaps.data ?? []).filter((r) => r.scheduleId === schedule.id && r.status === 'pending');

  const refocusAdd = useRef(false);
  // The "Add an override" button comes back only after the form goes: focus it then, not before.
  useEffect(() => {
    if (override || !refocusAdd.current) return;
    refocusAdd.current = false;
    addButton.current?.focus();
  }, [override]);

  function closeOverride() {
    refocusAdd.current = true;
    setOverride(null);
  }

  const actions = (
    <>
      {editable && (
        <Link to={`/schedules/${schedule.id}/edit`} className="btn">
          Edit schedule
        </Link>
      )}
      {editable && (
        <DangerButton
          label="Delete schedule"
          title={`Delete ${schedule.name}?`}
          confirmLabel="Delete schedule"
          // A 409 names the escalation policies that still page it; the dialog shows it as is.
          action={() => api.del(`/api/schedules/${schedule.id}`)}
          onDone={() => {
            qc.removeQueries({ queryKey: scheduleKeys.one(schedule.id) });
            qc.invalidateQueries({ queryKey: scheduleKeys.all });
            qc.invalidateQueries({ queryKey: scheduleKeys.oncall() });
            announce(`Schedule “${schedule.name}” deleted.`);
            navigate('/schedules');
          }}
        >
          <p>
            This deletes <strong>{schedule.name}</strong>, its layers, overrides and shadows. It can’t be undone.
          </p>
        </DangerButton>
      )}
    </>
  );

  return (
    <Page title={schedule.name} back={BACK} actions={actions}>
      {schedule.description && <p className="prewrap">{schedule.description}</p>}
      <dl className="facts">
        <div>
          <dt>Team</dt>
          <dd>{schedule.teamName ?? 'No team'}</dd>
        </div>
        <div>
          <dt>Schedule’s time zone</dt>
          <dd>{zoneName(schedule.timeZone)}</dd>
        </div>
        <div>
          <dt>Acknowledge within</dt>
          <dd>
            Primary {schedule.primaryAckMinutes} min{roles.length > 1 && `, secondary ${schedule.secondaryAckMinutes} min`}
          </dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="now-h">
        <h2 id="now-h">On call now</h2>
        {oncall.isPending ? (
          <Loading what="Loading who is on call" />
        ) : oncall.isError ? (
          <QueryError error={oncall.error} retry={() => oncall.refetch()} />
        ) : current.length === 0 ? (
          <p className="alert alert-warning">Nobody is on call on this schedule right now.</p>
        ) : (
          <ul className="oncall-roles" aria-label="On call now">
            {current.map((e) => (
              <li key={`${e.role}-${e.user.id}`}>
                <span className="oncall-role">{roleLabel(e.role)}</span> <strong>{e.user.name}</strong>{' '}
                <span className="muted">until {formatMoment(e.end, zone)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <p className="muted">
          Times in {zoneName(zone)} (yours). The schedule runs in {zoneName(schedule.timeZone)}.
          {editable && ' Select a shift on an “On call” line to override it.'}
        </p>
        <div className="tl-toolbar">
          <div className="step-controls" role="group" aria-label="View">
            {(['week', 'month'] as const).map((v) => (
              <button key={v} type="button" className="btn btn-small" aria-pressed={view === v} onClick={() => setView(v)}>
                {v === 'week' ? 'Week' : 'Month'}
              </button>
            ))}
          </div>
          <div className="step-controls">
            <button type="button" className="btn btn-small" onClick={() => setAnchor(neighbour(win, -1))}>
              Previous {view}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setAnchor(Date.now())}>
              Today
            </button>
            <button type="button" className="btn btn-small" onClick={() => setAnchor(neighbour(win, 1))}>
              Next {view}
            </button>
          </div>
          <p className="tl-title" aria-live="polite">
            <strong>{win.title}</strong>
          </p>
        </div>
        {shifts.isPending ? (
          <Loading what="Loading shifts" />
        ) : shifts.isError ? (
          <QueryError error={shifts.error} retry={() => shifts.refetch()} />
        ) : (
          <ScheduleTimeline
            data={shifts.data}
            win={win}
            zone={zone}
            now={now}
            onPick={editable ? (s) => setOverride({ role: s.role, start: s.start, end: s.end, replacing: s.user }) : undefined}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="overrides-h">
        <h2 id="overrides-h">Overrides</h2>
        {shifts.data && <OverridesList scheduleId={schedule.id} overrides={inView} zone={zone} editable={editable} />}
        {editable &&
          (override && users.data ? (
            <OverrideForm key={`${override.role}-${override.start}`} scheduleId={schedule.id} users={users.data} roles={roles} zone={zone} initial={override} onClose={closeOverride} />
          ) : (
            <button
              ref={addButton}
              type="button"
              className="btn"
              onClick={() => setOverride({ role: 'primary', start: new Date(now).toISOString(), end: new Date(now + 3_600_000).toISOString() })}
            >
              Add an override
            </button>
          ))}
      </section>

      {canRespond && (
        <section className="panel" aria-labelledby="swap-h">
          <h2 id="swap-h">Swap a shift</h2>
          {mySwaps.length > 0 && <SwapRequestList items={mySwaps} meId={me.id} zone={zone} label="Waiting swap requests" empty="" hideSchedule />}
          {upcoming.isError && <QueryError error={upcoming.error} retry={() => upcoming.refetch()} />}
          {upcoming.data && users.data && <SwapRequestForm scheduleId={schedule.id} upcoming={upcoming.data.items} me={me} users={users.data} zone={zone} now={now} />}
        </section>
      )}

      {canRespond && <HandoffNoteSection scheduleId={schedule.id} roles={myRoles} zone={zone} />}

      <RecentHandoffs scheduleId={schedule.id} zone={zone} />

      <ShadowsSection scheduleId={schedule.id} users={users.data ?? []} zone={zone} editable={editable} />

      <section className="panel" aria-labelledby="layers-h">
        <h2 id="layers-h">Layers</h2>
        <p className="field-hint">Bottom first: a later layer wins where it has someone on call.</p>
        <ol className="plain-list">
          {schedule.layers.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong> ({l.role}): {describeRotation(l)}, from {l.startDate}
              {l.restriction && `; only ${l.restriction.map(describeWindow).join(', ')}`}. Order: {l.participants.map((p) => p.name).join(' → ')}
            </li>
          ))}
        </ol>
      </section>

      <section className="panel" aria-labelledby="feed-h">
        <h2 id="feed-h">Calendar</h2>
        <CalendarFeedButton path={`/api/schedules/${schedule.id}/calendar-feed`} what={schedule.name} />
      </section>
    </Page>
  );
}
