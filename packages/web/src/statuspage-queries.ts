import type {
  ComponentStatus,
  ProposedPublicUpdate,
  PublicIncident,
  StatuspageComponent,
  StatuspageSubscriber,
  StatuspageTemplate,
} from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const id = encodeURIComponent;
const BASE = '/api/statuspage';

export const statuspageKeys = {
  all: ['statuspage'] as const,
  components: ['statuspage', 'components'] as const,
  incidents: ['statuspage', 'incidents'] as const,
  templates: ['statuspage', 'templates'] as const,
  subscribers: ['statuspage', 'subscribers'] as const,
};

/** The page changes through the engine too (components following alerts and checks, maintenance starting). */
const REFRESH_MS = 30_000;

export const useSpComponents = () =>
  useQuery({ queryKey: statuspageKeys.components, queryFn: () => api.get<{ items: StatuspageComponent[] }>(`${BASE}/components`).then((r) => r.items), refetchInterval: REFRESH_MS });
export const useSpIncidents = () =>
  useQuery({ queryKey: statuspageKeys.incidents, queryFn: () => api.get<{ items: PublicIncident[] }>(`${BASE}/incidents`).then((r) => r.items), refetchInterval: REFRESH_MS });
export const useSpTemplates = () => useQuery({ queryKey: statuspageKeys.templates, queryFn: () => api.get<{ items: StatuspageTemplate[] }>(`${BASE}/templates`).then((r) => r.items) });
/** Admins only (addresses are personal): others never ask. */
export const useSpSubscribers = (enabled: boolean) =>
  useQuery({ queryKey: statuspageKeys.subscribers, queryFn: () => api.get<{ items: StatuspageSubscriber[] }>(`${BASE}/subscribers`).then((r) => r.items), enabled });

/** Any change can move statuses elsewhere on the page: refresh all of it. */
function useChange<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: statuspageKeys.all }) });
}

export interface ComponentInput {
  name?: string;
  description?: string;
  isGroup?: boolean;
  groupId?: string | null;
  status?: ComponentStatus | null;
  sources?: { kind: 'service' | 'check'; id: string; failingStatus?: string }[];
}
export const useSaveComponent = (componentId?: string) =>
  useChange((body: ComponentInput) => (componentId ? api.patch<StatuspageComponent>(`${BASE}/components/${id(componentId)}`, body) : api.post<StatuspageComponent>(`${BASE}/components`, body)));

/** Plain calls for DangerButton, which runs its own mutation; its onDone refreshes with `useRefreshStatuspage`. */
export const deleteComponent = (componentId: string) => api.del(`${BASE}/components/${id(componentId)}`);
export const deleteIncident = (incidentId: string) => api.del(`${BASE}/incidents/${id(incidentId)}`);
export const deleteTemplate = (templateId: string) => api.del(`${BASE}/templates/${id(templateId)}`);
export const deleteSubscriber = (subscriberId: string) => api.del(`${BASE}/subscribers/${id(subscriberId)}`);
export function useRefreshStatuspage() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: statuspageKeys.all });
}

export interface NewIncidentInput {
  kind: 'incident' | 'maintenance';
  name: string;
  body: string;
  impact?: string;
  status?: string;
  componentIds: string[];
  componentStatuses?: Record<string, ComponentStatus>;
  internalIncidentId?: string | null;
  nextUpdateAt?: string | null;
  scheduledFor?: string;
  scheduledUntil?: string;
}
export const useCreateIncident = () => useChange((body: NewIncidentInput) => api.post<PublicIncident>(`${BASE}/incidents`, body));

export interface UpdateInput {
  status: string;
  body: string;
  nextUpdateAt?: string | null;
  componentStatuses?: Record<string, ComponentStatus>;
}
export const usePostUpdate = (incidentId: string) => useChange((body: UpdateInput) => api.post<PublicIncident>(`${BASE}/incidents/${id(incidentId)}/updates`, body));

/** Only a draft: the server publishes nothing for it. */
export const fetchProposal = (incidentId: string) => api.get<ProposedPublicUpdate>(`${BASE}/incidents/${id(incidentId)}/proposed-update`);

export interface IncidentEdit {
  name?: string;
  impact?: string;
  componentIds?: string[];
  nextUpdateAt?: string | null;
  scheduledFor?: string;
  scheduledUntil?: string;
  autoTransition?: boolean;
}
export const useEditIncident = (incidentId: string) => useChange((body: IncidentEdit) => api.patch<PublicIncident>(`${BASE}/incidents/${id(incidentId)}`, body));

export interface TemplateInput {
  name: string;
  kind?: 'incident' | 'maintenance';
  status: string;
  body: string;
}
/** A template's kind is fixed once made (the API takes no kind on change). */
export const useSaveTemplate = (templateId?: string) =>
  useChange(({ kind, ...rest }: TemplateInput) =>
    templateId ? api.patch<StatuspageTemplate>(`${BASE}/templates/${id(templateId)}`, rest) : api.post<StatuspageTemplate>(`${BASE}/templates`, { kind, ...rest }),
  );

/** A webhook is live at once; an email address only gets its confirmation mail (202, no body). */
export type NewSubscriberInput =
  | { kind: 'email'; email: string; componentIds: string[] }
  | { kind: 'webhook'; url: string; secret: string; componentIds: string[] };
export const useAddSubscriber = () => useChange((body: NewSubscriberInput) => api.post<StatuspageSubscriber | undefined>(`${BASE}/subscribers`, body));
