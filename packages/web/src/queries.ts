import type { AlertDetail, AlertPage, ContactChannels, ContactSetup, EscalationPolicy, Integration, Service, Team, TimelineEntry, User } from '@operable/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './api';

export interface ServiceFilters {
  teamId?: string;
  tag?: string;
  q?: string;
}

export interface AlertFilters {
  status?: string;
  /** 'true': only alerts that paged the viewer or belong to their teams' services. */
  mine?: 'true';
  serviceId?: string;
  urgency?: string;
}

/** How often open alerts and an open alert's page refresh. Paused while the tab is hidden. */
export const LIVE_INTERVAL_MS = 5_000;
const ALERT_PAGE_SIZE = 50;

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
  alerts: (f?: AlertFilters) => (f ? (['alerts', f] as const) : (['alerts'] as const)),
  alert: (id: string) => ['alerts', 'one', id] as const,
  policies: ['escalation-policies'] as const,
  policy: (id: string) => ['escalation-policies', 'one', id] as const,
  integrations: (serviceId: string) => ['integrations', serviceId] as const,
  timeline: (serviceId: string) => ['timeline', serviceId] as const,
  contactSetup: ['contact-setup'] as const,
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

/** Alerts, newest first, a page at a time; refreshed every few seconds while the tab is visible. */
export function useAlerts(filters: AlertFilters) {
  return useInfiniteQuery({
    queryKey: keys.alerts(filters),
    queryFn: ({ pageParam }) =>
      api.get<AlertPage>('/api/alerts', { ...filters, before: pageParam ?? undefined, limit: ALERT_PAGE_SIZE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: (prev) => prev,
    refetchInterval: LIVE_INTERVAL_MS,
    // Hidden tabs don't poll; coming back to the tab refetches at once (refetchOnWindowFocus).
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

export function useAlert(id: string) {
  return useQuery({
    queryKey: keys.alert(id),
    queryFn: () => api.get<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data?.status === 'resolved' ? false : LIVE_INTERVAL_MS),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: keys.policies,
    queryFn: () => api.get<{ items: EscalationPolicy[] }>('/api/escalation-policies').then((r) => r.items),
  });
}

export function usePolicy(id: string) {
  return useQuery({
    queryKey: keys.policy(id),
    queryFn: () => api.get<EscalationPolicy>(`/api/escalation-policies/${encodeURIComponent(id)}`),
  });
}

export function useIntegrations(serviceId: string) {
  return useQuery({
    queryKey: keys.integrations(serviceId),
    queryFn: () =>
      api.get<{ items: Integration[] }>(`/api/services/${encodeURIComponent(serviceId)}/integrations`).then((r) => r.items),
  });
}

/** Alerts and change events of a service over the last week, newest first. */
export function useTimeline(serviceId: string) {
  return useQuery({
    queryKey: keys.timeline(serviceId),
    queryFn: () =>
      api.get<{ items: TimelineEntry[] }>(`/api/services/${encodeURIComponent(serviceId)}/timeline?limit=50`).then((r) => r.items),
    refetchInterval: LIVE_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useContactSetup(enabled = true) {
  return useQuery({
    queryKey: keys.contactSetup,
    queryFn: () => api.get<ContactSetup>('/api/me/contact-setup'),
    enabled,
  });
}

/** Which kinds this server can deliver to: offering email without a mail server makes a code that never arrives. */
export function useContactChannels() {
  return useQuery({ queryKey: ['contact-channels'], queryFn: () => api.get<ContactChannels>('/api/contact-channels'), staleTime: 300_000 });
}
