import type { PagingPreview } from '@operable/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../api';

export const previewKey = (kind: 'service' | 'policy', id: string, urgency: string) => ['paging-preview', kind, id, urgency] as const;

export function usePagingPreview(kind: 'service' | 'policy', id: string, urgency: 'high' | 'low' = 'high') {
  return useQuery({
    queryKey: previewKey(kind, id, urgency),
    queryFn: () => api.get<PagingPreview>(`/api/${kind === 'service' ? 'services' : 'escalation-policies'}/${encodeURIComponent(id)}/paging-preview`, { urgency }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** "Ana and Bo" */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One line per step: who it would notify, and who of them cannot be reached. */
export function PreviewSteps({ preview }: { preview: PagingPreview }) {
  if (!preview.steps.length) return null;
  return (
    <ol className="preview-steps">
      {preview.steps.map((s) => {
        const ok = s.people.filter((p) => p.reachable);
        const not = s.people.filter((p) => !p.reachable);
        return (
          <li key={s.position}>
            <strong>{s.startsAfterMinutes === 0 ? 'At once' : `After ${s.startsAfterMinutes} min without an acknowledgement`}:</strong>{' '}
            {ok.length ? joinNames(ok.map((p) => `${p.name}${p.via ? ` (${p.via})` : ''}`)) : s.webhooks ? '' : 'nobody'}
            {s.webhooks > 0 && `${ok.length ? ' and ' : ''}${s.webhooks === 1 ? 'a webhook' : `${s.webhooks} webhooks`}`}
            {not.length > 0 && <span className="text-danger"> · cannot be reached: {joinNames(not.map((p) => p.name))} (no verified contact method with a rule)</span>}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The warning a service or policy page shows when paging it now would reach nobody;
 * quiet when it would reach someone (the steps are shown elsewhere on those pages).
 */
export function ReachWarning({ kind, id, editTo }: { kind: 'service' | 'policy'; id: string; editTo?: string }) {
  const preview = usePagingPreview(kind, id);
  if (preview.isError) return <p className="muted">Couldn’t check who a page would reach: {errorMessage(preview.error)}</p>;
  if (!preview.data || preview.data.reachesAnyone) return null;
  return (
    <div className="alert alert-error alert-loud" role="alert">
      <p>
        <strong>A page {kind === 'service' ? 'to this service' : 'through this policy'} would reach nobody right now.</strong> {preview.data.reason}
      </p>
      <PreviewSteps preview={preview.data} />
      {editTo && (
        <p>
          <Link to={editTo}>{kind === 'service' ? 'Choose an escalation policy' : 'Edit the steps'}</Link>
        </p>
      )}
    </div>
  );
}
