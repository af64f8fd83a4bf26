import type { HealthActionItem, HealthReport, PersonToil, RiskList, TeamToil, WeeklyReview } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;

export const healthKeys = {
  team: (teamId: string) => ['health', 'team', teamId] as const,
  actions: (teamId: string) => ['health', 'actions', teamId] as const,
  toil: (teamId: string) => ['health', 'toil', teamId] as const,
  risks: (teamId: string) => ['health', 'risks', teamId] as const,
  review: (teamId: string, week: string) => ['health', 'review', teamId, week] as const,
  person: (userId: string) => ['health', 'person', userId] as const,
  personToil: (userId: string) => ['health', 'person-toil', userId] as const,
};

export const useTeamHealth = (teamId: string) => useQuery({ queryKey: healthKeys.team(teamId), queryFn: () => api.get<HealthReport>(`/api/health/teams/${id(teamId)}`) });
export const useTeamActions = (teamId: string) =>
  useQuery({ queryKey: healthKeys.actions(teamId), queryFn: () => api.get<{ items: HealthActionItem[] }>(`/api/health/teams/${id(teamId)}/actions`).then((r) => r.items) });
export const useTeamToil = (teamId: string) => useQuery({ queryKey: healthKeys.toil(teamId), queryFn: () => api.get<TeamToil>(`/api/health/teams/${id(teamId)}/toil`, { weeks: '4' }) });
export const useTeamRisks = (teamId: string) => useQuery({ queryKey: healthKeys.risks(teamId), queryFn: () => api.get<RiskList>(`/api/health/teams/${id(teamId)}/risks`) });
/** A team's weekly review, or the organisation's when `teamId` is null. */
export const useWeeklyReview = (teamId: string | null, week: string) =>
  useQuery({
    queryKey: healthKeys.review(teamId ?? 'org', week),
    queryFn: () => api.get<WeeklyReview>(teamId ? `/api/health/teams/${id(teamId)}/review` : '/api/health/org/review', week ? { week } : undefined),
  });
export const usePersonHealth = (userId: string) => useQuery({ queryKey: healthKeys.person(userId), queryFn: () => api.get<HealthReport>(`/api/health/people/${id(userId)}`) });
export const usePersonToil = (userId: string) => useQuery({ queryKey: healthKeys.personToil(userId), queryFn: () => api.get<PersonToil>(`/api/health/people/${id(userId)}/toil`, { weeks: '4' }) });

export function useNoisyToAction(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (source: { serviceId: string; alertKey?: string }) => api.post<HealthActionItem>(`/api/health/teams/${id(teamId)}/actions`, source),
    onSuccess: () => qc.invalidateQueries({ queryKey: healthKeys.actions(teamId) }),
  });
}

export function useLogToil(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entry: { what: string; minutes: number; teamId: string }) => api.post('/api/health/toil', entry),
    onSuccess: () => qc.invalidateQueries({ queryKey: healthKeys.toil(teamId) }),
  });
}

export function useAddRisk(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (risk: { title: string; impact: number; likelihood: number; effort: string }) => api.post(`/api/health/teams/${id(teamId)}/risks`, risk),
    onSuccess: () => qc.invalidateQueries({ queryKey: healthKeys.risks(teamId) }),
  });
}
