import type { HandoffNote, OnCallList, Schedule, ScheduleRole, ScheduleShifts, Shadow, SwapRequest } from '@operable/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;

export const scheduleKeys = {
  all: ['schedules'] as const,
  one: (scheduleId: string) => ['schedules', 'one', scheduleId] as const,
  /** Everything that changes when a schedule, its overrides or its swaps change. */
  shiftsOf: (scheduleId: string) => ['schedule-shifts', scheduleId] as const,
  shifts: (scheduleId: string, from: number, to: number) => ['schedule-shifts', scheduleId, from, to] as const,
  shadows: (scheduleId: string) => ['schedule-shadows', scheduleId] as const,
  handoff: (scheduleId: string, role: ScheduleRole) => ['handoff-note', scheduleId, role] as const,
  oncall: (scheduleId?: string) => (scheduleId ? (['oncall', scheduleId] as const) : (['oncall'] as const)),
  swaps: ['swap-requests'] as const,
};

/** How often who-is-on-call views refresh: handoffs and new overrides show up without a reload. */
const ONCALL_INTERVAL_MS = 60_000;

export function useSchedules() {
  return useQuery({
    queryKey: scheduleKeys.all,
    queryFn: () => api.get<{ items: Schedule[] }>('/api/schedules').then((r) => r.items),
  });
}

export function useSchedule(scheduleId: string) {
  return useQuery({ queryKey: scheduleKeys.one(scheduleId), queryFn: () => api.get<Schedule>(`/api/schedules/${id(scheduleId)}`) });
}

export function useShifts(scheduleId: string, from: number, to: number) {
  return useQuery({
    queryKey: scheduleKeys.shifts(scheduleId, from, to),
    queryFn: () =>
      api.get<ScheduleShifts>(`/api/schedules/${id(scheduleId)}/shifts`, { from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
    placeholderData: (prev) => prev,
  });
}

export function useShadows(scheduleId: string) {
  return useQuery({
    queryKey: scheduleKeys.shadows(scheduleId),
    queryFn: () => api.get<{ items: Shadow[] }>(`/api/schedules/${id(scheduleId)}/shadows`).then((r) => r.items),
  });
}

/** Who is on call now: on every schedule, or on one. */
export function useOnCall(scheduleId?: string) {
  return useQuery({
    queryKey: scheduleKeys.oncall(scheduleId),
    queryFn: () => api.get<OnCallList>('/api/oncall', { scheduleId }),
    refetchInterval: ONCALL_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

/** Every shift on a schedule from now over the next weeks, whole (not cut to a view). */
export function useUpcomingShifts(scheduleId: string, weeks: number, enabled = true) {
  return useQuery({
    queryKey: [...scheduleKeys.oncall(scheduleId), 'weeks', weeks] as const,
    queryFn: () => api.get<OnCallList>('/api/oncall', { scheduleId, weeks }),
    enabled,
  });
}

export function useHandoffNote(scheduleId: string, role: ScheduleRole) {
  return useQuery({
    queryKey: scheduleKeys.handoff(scheduleId, role),
    queryFn: () => api.get<HandoffNote>(`/api/schedules/${id(scheduleId)}/handoff-note`, { role }),
  });
}

/** Requests the signed-in person sent or received; polled so the nav badge notices new ones. */
export function useSwapRequests(enabled = true) {
  return useQuery({
    queryKey: scheduleKeys.swaps,
    queryFn: () => api.get<{ items: SwapRequest[] }>('/api/swap-requests').then((r) => r.items),
    enabled,
    refetchInterval: ONCALL_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

/** After an override, swap or layer change: every view of who is on call may be stale. */
export function useRefreshOnCall() {
  const qc = useQueryClient();
  return (scheduleId?: string) => {
    if (scheduleId) qc.invalidateQueries({ queryKey: scheduleKeys.shiftsOf(scheduleId) });
    else qc.invalidateQueries({ queryKey: ['schedule-shifts'] });
    qc.invalidateQueries({ queryKey: scheduleKeys.oncall() });
    qc.invalidateQueries({ queryKey: ['handoff-note'] });
  };
}
