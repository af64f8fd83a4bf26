import type { Postmortem } from '@operable/shared';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { ActionItems, FollowUpReview } from '../components/ActionItems';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { PostmortemSectionView } from '../components/PostmortemSection';
import { lateText, relative, STATE_LABEL } from '../postmortem-format';
import { useChangeState, usePatchPostmortem, usePostmortem } from '../postmortem-queries';
import { useUsers } from '../queries';

const NEXT_LABEL: Record<string, string> = { draft: 'Back to draft', in_review: 'Send for review', reviewed: 'Mark reviewed', closed: 'Close' };

/** The post-mortem document: what is late first, then people and deadlines, the sections, action items, follow-up. */
export function PostmortemPage() {
  const { id = '' } = useParams();
  const pm = usePostmortem(id);
  if (pm.isPending) return <Loading what="Loading the post-mortem" />;
  if (pm.isError) return <QueryError error={pm.error} retry={() => pm.refetch()} />;
  return <PostmortemView pm={pm.data} />;
}

function PostmortemView({ pm }: { pm: Postmortem }) {
  const now = useNow(60_000);
  const state = useChangeState(pm.id);
  const nextStates = pm.nextStates.filter((s) => s !== 'reviewed' || pm.meetingHeldAt);
  return (
    <Page
      title={pm.title}
      back={{ to: '/postmortems', label: 'Post-mortems' }}
      actions={
        <>
          <Link className="btn btn-primary" to={`/postmortems/${pm.id}/meeting`}>Meeting mode</Link>
          <a className="btn" href={`/api/postmortems/${pm.id}/export?format=markdown`} download>Markdown</a>
          <a className="btn" href={`/api/postmortems/${pm.id}/export?format=html`} download>HTML</a>
        </>
      }
    >
      {pm.late.length > 0 && (
        <p className="alert alert-warning" role="status"><strong>Late:</strong> {lateText(pm.late)}</p>
      )}
      <div className="panel pm-facts">
        <p>
          <span className="badge">{STATE_LABEL[pm.state]}</span> {pm.severityName} · incident #{pm.incidentNumber} · {pm.services.map((s) => s.name).join(', ') || 'no service'}
          {pm.automatic && ' · drafted automatically'}
        </p>
        <ul className="plain-list">
          <li>Interviews: {pm.interviewsDoneAt ? 'done' : `due ${relative(pm.interviewsDueAt, now)}`}</li>
          <li>Meeting: {pm.meetingHeldAt ? `held ${relative(pm.meetingHeldAt, now)}` : `due ${relative(pm.meetingDueAt, now)}`}</li>
        </ul>
        {pm.canEdit && <People pm={pm} />}
        {pm.canEdit && nextStates.length > 0 && (
          <div className="row-actions">
            {nextStates.map((s) => (
              <button key={s} type="button" className="btn btn-small" onClick={() => state.mutate(s)} disabled={state.isPending}>{NEXT_LABEL[s]}</button>
            ))}
          </div>
        )}
        {state.isError && <p className="alert alert-error" role="alert">{errorMessage(state.error)}</p>}
      </div>
      {pm.sections.map((s) => (
        <PostmortemSectionView key={`${s.key}-${s.revision}`} pmId={pm.id} section={s} people={pm.people} canEdit={pm.canEdit} />
      ))}
      <ActionItems pm={pm} />
      <FollowUpReview pm={pm} />
    </Page>
  );
}

function People({ pm }: { pm: Postmortem }) {
  const users = useUsers();
  const patch = usePatchPostmortem(pm.id);
  const roles = [
    ['ownerId', 'Owner', pm.owner],
    ['facilitatorId', 'Facilitator', pm.facilitator],
    ['noteTakerId', 'Note-taker', pm.noteTaker],
  ] as const;
  return (
    <div className="pm-fields">
      {roles.map(([field, label, current]) => (
        <div className="field" key={field}>
          <label htmlFor={`pm-${field}`}>{label}</label>
          <select id={`pm-${field}`} value={current?.id ?? ''} onChange={(e) => patch.mutate({ [field]: e.target.value || null })}>
            <option value="">Nobody yet</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </div>
      ))}
      <label className="check">
        <input type="checkbox" checked={!!pm.interviewsDoneAt} onChange={(e) => patch.mutate({ interviewsDone: e.target.checked })} />
        Interviews done
      </label>
    </div>
  );
}
