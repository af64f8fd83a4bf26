import type { ActionItem, Postmortem, PostmortemSection, PostmortemSummary } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

const enc = encodeURIComponent;

export interface PostmortemFilters {
  q?: string;
  serviceId?: string;
  severity?: string;
  tag?: string;
  state?: string;
  from?: string;
  to?: string;
  late?: boolean;
}

export const postmortemKeys = {
  all: ['postmortems'] as const,
  list: (f: PostmortemFilters) => ['postmortems', 'list', f] as const,
  one: (id: string) => ['postmortems', 'one', id] as const,
  revisions: (id: string, key: string) => ['postmortems', 'revisions', id, key] as const,
};

export function usePostmortems(f: PostmortemFilters) {
  return useQuery({
    queryKey: postmortemKeys.list(f),
    queryFn: () =>
      api
        .get<{ items: PostmortemSummary[] }>('/api/postmortems', { q: f.q, serviceId: f.serviceId, severity: f.severity, tag: f.tag, state: f.state, from: f.from, to: f.to, late: f.late ? 'true' : undefined, limit: 200 })
        .then((r) => r.items),
  });
}

export function usePostmortem(id: string) {
  return useQuery({ queryKey: postmortemKeys.one(id), queryFn: () => api.get<Postmortem>(`/api/postmortems/${enc(id)}`) });
}

export function useRevisions(id: string, key: string, enabled: boolean) {
  return useQuery({
    queryKey: postmortemKeys.revisions(id, key),
    queryFn: () => api.get<{ items: { revision: number; markdown: string; author: string; createdAt: string }[] }>(`/api/postmortems/${enc(id)}/sections/${enc(key)}/revisions`).then((r) => r.items),
    enabled,
  });
}

/** Every change answers with fresh state; the whole post-mortem is refetched so derived parts (late, blame) agree. */
function usePmMutation<I, O>(id: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: postmortemKeys.all }),
  });
}

export const usePatchPostmortem = (id: string) => usePmMutation(id, (body: Record<string, unknown>) => api.patch<Postmortem>(`/api/postmortems/${enc(id)}`, body));
export const useSaveSection = (id: string) =>
  usePmMutation(id, (v: { key: string; markdown: string; baseRevision: number }) => api.put<PostmortemSection>(`/api/postmortems/${enc(id)}/sections/${enc(v.key)}`, { markdown: v.markdown, baseRevision: v.baseRevision }));
export const useChangeState = (id: string) => usePmMutation(id, (state: string) => api.post<Postmortem>(`/api/postmortems/${enc(id)}/state`, { state }));
export const useRecordMeeting = (id: string) => usePmMutation(id, () => api.post<Postmortem>(`/api/postmortems/${enc(id)}/meeting`, {}));
export const useTimelineNote = (id: string) => usePmMutation(id, (v: { entryId: string; note: string }) => api.put<void>(`/api/postmortems/${enc(id)}/timeline/${enc(v.entryId)}/note`, { note: v.note }));
export const useAddActionItem = (id: string) => usePmMutation(id, (body: Record<string, unknown>) => api.post<ActionItem>(`/api/postmortems/${enc(id)}/action-items`, body));
export const usePatchActionItem = (id: string) => usePmMutation(id, (v: { itemId: string; body: Record<string, unknown> }) => api.patch<ActionItem>(`/api/postmortems/${enc(id)}/action-items/${enc(v.itemId)}`, v.body));
export const useCompleteFollowUp = (id: string) =>
  usePmMutation(id, (v: { followUpId: string; body: Record<string, unknown> }) => api.post<Postmortem>(`/api/postmortems/${enc(id)}/follow-ups/${enc(v.followUpId)}/complete`, v.body));
