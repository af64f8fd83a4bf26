import type { HandoffReportEntry, InboxItem, RecoveryQuery, RecoveryTimeOff, TeamFairness } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;

export const oncallKeys = {
  inbox: ['inbox'] as const,
  handoffs: (scheduleId: string) => ['handoff-reports', scheduleId] as const,
  fairnessOf: (teamId: string) => ['fairness', teamId] as const,
  fairness: (teamId: string, weeks: number) => ['fairness', teamId, weeks] as const,
  recovery: ['recovery'] as const,
  recoveryFor: (query: RecoveryQuery) => ['recovery', query] as const,
};

/** How often the inbox refreshes, so the unread count in the menu notices new items. */
const INBOX_INTERVAL_MS = 60_000;

export function useInbox() {
  return useQuery({
    queryKey: oncallKeys.inbox,
    queryFn: () => api.get<{ items: InboxItem[] }>('/api/inbox').then((r) => r.items),
    refetchInterval: INBOX_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

/** Marks an item read at once on screen (the unread count drops), then on the server. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => api.post<void>(`/api/inbox/${id(itemId)}/read`),
    onMutate: async (itemId) => {
      // A poll already under way would bring the item back as unread.
      await qc.cancelQueries({ queryKey: oncallKeys.inbox });
      const readAt = new Date().toISOString();
      qc.setQueryData<InboxItem[]>(oncallKeys.inbox, (items) => items?.map((i) => (i.id === itemId && !i.readAt ? { ...i, readAt } : i)));
    },
    // Done or failed: show what the server holds.
    onSettled: () => qc.invalidateQueries({ queryKey: oncallKeys.inbox }),
  });
}

export function useHandoffReports(scheduleId: string, limit: number) {
  return useQuery({
    queryKey: [...oncallKeys.handoffs(scheduleId), limit] as const,
    queryFn: () =>
      api.get<{ items: HandoffReportEntry[] }>(`/api/schedules/${id(scheduleId)}/handoffs`, { limit }).then((r) => r.items),
  });
}

/** Hours on call per person, the same number of weeks back and ahead. */
export function useFairness(teamId: string, weeks: number) {
  return useQuery({
    queryKey: oncallKeys.fairness(teamId, weeks),
    queryFn: () => api.get<TeamFairness>(`/api/teams/${id(teamId)}/fairness`, { weeksBack: weeks, weeksAhead: weeks }),
    placeholderData: (prev) => prev,
  });
}

export function useRecovery(query: RecoveryQuery) {
  return useQuery({
    queryKey: oncallKeys.recoveryFor(query),
    queryFn: () => api.get<{ items: RecoveryTimeOff[] }>('/api/recovery', { ...query }).then((r) => r.items),
  });
}
