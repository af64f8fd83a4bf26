import type { Service, Team, User } from '@operable/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export interface ServiceFilters {
  teamId?: string;
  tag?: string;
  q?: string;
}

export const keys = {
  services: (f?: ServiceFilters) => (f ? (['services', f] as const) : (['services'] as const)),
  service: (id: string) => ['services', 'one', id] as const,
  teams: ['teams'] as const,
  team: (id: string) => ['teams', 'one', id] as const,
  users: ['users'] as const,
  user: (id: string) => ['users', 'one', id] as const,
  apiKeys: ['api-keys'] as const,
  audit: ['audit'] as const,
  logLevels: ['log-levels'] as const,
};

export function useServices(filters: ServiceFilters) {
  return useQuery({
    queryKey: keys.services(filters),
    queryFn: () => api.get<{ items: Service[] }>('/api/services', { ...filters }).then((r) => r.items),
    placeholderData: (prev) => prev,
  });
}

export function useService(id: string) {
  return useQuery({ queryKey: keys.service(id), queryFn: () => api.get<Service>(`/api/services/${encodeURIComponent(id)}`) });
}

export function useTeams() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: () => api.get<{ items: Team[] }>('/api/teams').then((r) => r.items),
  });
}

export function useTeam(id: string) {
  return useQuery({ queryKey: keys.team(id), queryFn: () => api.get<Team>(`/api/teams/${encodeURIComponent(id)}`) });
}

export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api.get<{ items: User[] }>('/api/users').then((r) => r.items),
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: keys.user(id), queryFn: () => api.get<User>(`/api/users/${encodeURIComponent(id)}`) });
}
