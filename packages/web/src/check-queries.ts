import type { Check, CheckInputIn, CheckPoint, CheckSummary, ProbeOutcome } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;

export const checkKeys = {
  all: ['checks'] as const,
  list: (serviceId?: string) => ['checks', 'list', serviceId ?? null] as const,
  one: (checkId: string) => ['checks', 'one', checkId] as const,
  series: (checkId: string, resolution: string) => ['checks', 'series', checkId, resolution] as const,
};

/** Checks change state every probe: lists refresh often while the page is open. */
const LIST_INTERVAL_MS = 20_000;

export function useChecks(serviceId?: string) {
  return useQuery({
    queryKey: checkKeys.list(serviceId),
    queryFn: () => api.get<{ items: CheckSummary[] }>('/api/checks', { serviceId }).then((r) => r.items),
    refetchInterval: LIST_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCheck(checkId: string) {
  return useQuery({
    queryKey: checkKeys.one(checkId),
    queryFn: () => api.get<Check>(`/api/checks/${id(checkId)}`),
    refetchInterval: LIST_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCheckSeries(checkId: string, resolution: 'raw' | 'minute' | 'hour' | 'day') {
  return useQuery({
    queryKey: checkKeys.series(checkId, resolution),
    queryFn: () => api.get<{ items: CheckPoint[] }>(`/api/checks/${id(checkId)}/series`, { resolution }).then((r) => r.items),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}

export function useSaveCheck(checkId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckInputIn) => (checkId ? api.put<Check>(`/api/checks/${id(checkId)}`, body) : api.post<Check>('/api/checks', body)),
    onSuccess: (saved) => {
      qc.setQueryData(checkKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: checkKeys.all });
    },
  });
}

/** "Test now": one probe of what the form holds; nothing is saved. */
export function useTestCheck() {
  return useMutation({ mutationFn: (body: CheckInputIn) => api.post<ProbeOutcome>('/api/checks/test', body) });
}

export function usePauseCheck(checkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) => api.post<Check>(`/api/checks/${id(checkId)}/pause`, { paused }),
    onSuccess: (saved) => {
      qc.setQueryData(checkKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: checkKeys.all });
    },
  });
}

export function useDeleteCheck(checkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/api/checks/${id(checkId)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: checkKeys.all }),
  });
}
