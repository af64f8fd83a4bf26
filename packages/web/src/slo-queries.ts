import type { Slo, SloDetail } from '@operable/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export const sloKeys = {
  all: ['slos'] as const,
  list: (serviceId?: string) => ['slos', 'list', serviceId ?? null] as const,
  one: (sloId: string) => ['slos', 'one', sloId] as const,
};

/** The engine judges SLOs once a minute; refreshing as often keeps a burn visible without a reload. */
const SLO_INTERVAL_MS = 60_000;

export function useSlos(serviceId?: string) {
  return useQuery({
    queryKey: sloKeys.list(serviceId),
    queryFn: () => api.get<{ items: Slo[] }>('/api/slos', { serviceId }).then((r) => r.items),
    refetchInterval: SLO_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useSlo(sloId: string) {
  return useQuery({
    queryKey: sloKeys.one(sloId),
    queryFn: () => api.get<SloDetail>(`/api/slos/${encodeURIComponent(sloId)}`),
    refetchInterval: SLO_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}
