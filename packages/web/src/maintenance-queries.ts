import type { MaintenanceWindow, MaintenanceWindowInput } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;

export interface MaintenanceFilters {
  /** Only windows covering this service (those covering every service included). */
  serviceId?: string;
  /** Include one-off windows that have ended. */
  ended?: boolean;
}

export const maintenanceKeys = {
  all: ['maintenance-windows'] as const,
  list: (f: MaintenanceFilters) => ['maintenance-windows', 'list', f] as const,
  one: (windowId: string) => ['maintenance-windows', 'one', windowId] as const,
};

/** How often lists refresh, so a window starting or ending shows without a reload. */
const MAINTENANCE_INTERVAL_MS = 60_000;

export function useMaintenanceWindows(filters: MaintenanceFilters) {
  return useQuery({
    queryKey: maintenanceKeys.list(filters),
    queryFn: () =>
      api
        .get<{ items: MaintenanceWindow[] }>('/api/maintenance-windows', { serviceId: filters.serviceId, ended: filters.ended ? 'true' : undefined })
        .then((r) => r.items),
    refetchInterval: MAINTENANCE_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useMaintenanceWindow(windowId: string) {
  return useQuery({
    queryKey: maintenanceKeys.one(windowId),
    queryFn: () => api.get<MaintenanceWindow>(`/api/maintenance-windows/${id(windowId)}`),
  });
}

/** Creates a window, or replaces one whole (PUT); every list is refreshed after. */
export function useSaveMaintenance(windowId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MaintenanceWindowInput) =>
      windowId
        ? api.put<MaintenanceWindow>(`/api/maintenance-windows/${id(windowId)}`, body)
        : api.post<MaintenanceWindow>('/api/maintenance-windows', body),
    onSuccess: (saved) => {
      qc.setQueryData(maintenanceKeys.one(saved.id), saved);
      qc.invalidateQueries({ queryKey: maintenanceKeys.all });
    },
  });
}

export function deleteMaintenance(windowId: string): Promise<void> {
  return api.del(`/api/maintenance-windows/${id(windowId)}`);
}
