import type { IncidentActions, IncidentDetail, IncidentList, IncidentSubscriber, WellbeingCheckin } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { useAnnounce } from './announcer';

const LIVE_MS = 5_000;

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (status: string) => ['incidents', 'list', status] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
  actions: (id: string) => ['incidents', 'actions', id] as const,
  subscribers: (id: string) => ['incidents', 'subscribers', id] as const,
  checkins: ['wellbeing-checkins'] as const,
};

export function useIncidents(status: 'open' | 'resolved' | 'all') {
  return useQuery({
    queryKey: incidentKeys.list(status),
    queryFn: () => api.get<IncidentList>('/api/incidents', status === 'all' ? {} : { status }).then((r) => r.items),
    refetchInterval: status === 'open' ? LIVE_MS * 2 : false,
    refetchIntervalInBackground: false,
  });
}

/**
 * One incident, refreshed every few seconds while it runs. React Query's structural
 * sharing hands back the very same objects for whatever did not change, so a refresh
 * that brings nothing new re-renders nothing below the page (its parts are memoized),
 * and forms keep their text and focus.
 */
export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: () => api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data?.status === 'resolved' ? false : LIVE_MS),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

export function useIncidentActions(id: string) {
  return useQuery({ queryKey: incidentKeys.actions(id), queryFn: () => api.get<IncidentActions>(`/api/incidents/${encodeURIComponent(id)}/actions`) });
}

export function useIncidentSubscribers(id: string) {
  return useQuery({
    queryKey: incidentKeys.subscribers(id),
    queryFn: () => api.get<{ items: IncidentSubscriber[] }>(`/api/incidents/${encodeURIComponent(id)}/subscribers`).then((r) => r.items),
  });
}

export function useMyCheckins() {
  return useQuery({ queryKey: incidentKeys.checkins, queryFn: () => api.get<{ items: WellbeingCheckin[] }>('/api/me/wellbeing-checkins').then((r) => r.items) });
}

/**
 * A change to an incident: on success the incident (and lists) refetch and `done`
 * is announced; on failure the error stays on the mutation, for the form that sent it
 * to show beside itself.
 */
export function useIncidentChange<T>(incidentId: string, send: (body: T) => Promise<unknown>, done: string | ((body: T) => string)) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: send,
    onSuccess: (result, body) => {
      if (result && typeof result === 'object' && 'timeline' in result) qc.setQueryData(incidentKeys.one(incidentId), result);
      qc.invalidateQueries({ queryKey: incidentKeys.all });
      qc.invalidateQueries({ queryKey: incidentKeys.checkins });
      announce(typeof done === 'string' ? done : done(body));
    },
  });
}

export const incidentPath = (id: string, rest = '') => `/api/incidents/${encodeURIComponent(id)}${rest}`;
export { api };
