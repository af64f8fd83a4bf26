import { Link } from 'react-router-dom';
import { Loading, Page, QueryError } from '../components/Page';
import { PolicyWarnings, StepSummary } from '../components/PolicySummary';
import { plural } from '../format';
import { usePolicies } from '../queries';
import { useCurrentUser } from '../session';

export function EscalationPoliciesPage() {
  const user = useCurrentUser();
  const policies = usePolicies();
  const canCreate = user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);
  const withWarnings = (policies.data ?? []).filter((p) => p.warnings.length > 0).length;

  return (
    <Page
      title="Escalation policies"
      actions={
        canCreate && (
          <Link to="/escalation-policies/new" className="btn btn-primary">
            New escalation policy
          </Link>
        )
      }
    >
      <p>
        An escalation policy says who is notified when a service has an alert, and who is next if nobody acknowledges
        in time.
      </p>
      {policies.isPending ? (
        <Loading what="Loading escalation policies" />
      ) : policies.isError ? (
        <QueryError error={policies.error} retry={() => policies.refetch()} />
      ) : policies.data.length === 0 ? (
        <div className="empty">
          <p>
            No escalation policies yet, so alerts don’t page anyone.
            {canCreate && ' Use “New escalation policy” to create the first one.'}
          </p>
        </div>
      ) : (
        <>
          {withWarnings > 0 && (
            <p className="alert alert-warning" role="status">
              <strong>
                {plural(withWarnings, 'policy', 'policies')} {withWarnings === 1 ? 'needs' : 'need'} attention:
              </strong> see the warnings below.
            </p>
          )}
          <ul className="card-list card-list-wide">
            {policies.data.map((p) => {
              const used = p.services;
              return (
                <li key={p.id} className={`card${p.warnings.length ? ' card-warning' : ''}`}>
                  <h2 className="card-title">
                    <Link to={`/escalation-policies/${p.id}`}>{p.name}</Link>
                  </h2>
                  <p className="muted">
                    {p.teamId ? `Team: ${p.teamName ?? 'unknown'}` : 'Shared by all teams'}
                    {` · Used by ${plural(used.length, 'service')}`}
                  </p>
                  {p.description && <p className="clamp">{p.description}</p>}
                  <PolicyWarnings warnings={p.warnings} name={p.name} />
                  <StepSummary policy={p} />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Page>
  );
}
