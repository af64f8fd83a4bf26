import type { EscalationPolicy } from '@operable/shared';
import { describeRepeat, describeStep, stepStartMinutes } from '../policy-format';

/** The server's warnings about a policy, e.g. someone in it can't be reached. */
export function PolicyWarnings({ warnings, name }: { warnings: string[]; name?: string }) {
  if (!warnings.length) return null;
  return (
    <div className="alert alert-warning">
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>
          {name ? `${name} needs attention:` : 'This policy needs attention:'}
        </strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

const unreachable = (step: EscalationPolicy['steps'][number]) =>
  step.targets.flatMap((t) => (t.type === 'user' && !t.hasVerifiedContact ? [t.name] : []));

/** Steps in order, with when each one notifies. */
export function StepSummary({ policy }: { policy: Pick<EscalationPolicy, 'steps' | 'repeatCount'> }) {
  const starts = stepStartMinutes(policy.steps);
  return (
    <>
      <ol className="step-summary">
        {policy.steps.map((s, i) => (
          <li key={i}>
            {describeStep(s, starts[i] ?? 0)}
            {unreachable(s).length > 0 && <span className="warning-text"> — can’t be reached: {unreachable(s).join(', ')}</span>}
          </li>
        ))}
      </ol>
      <p className="muted">{describeRepeat(policy.repeatCount)}.</p>
    </>
  );
}
