import type { EscalationPolicy, Team, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { ReachWarning } from '../components/PagingPreviewPanel';
import { DangerButton } from '../components/DangerButton';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { PolicyWarnings, StepSummary } from '../components/PolicySummary';
import { emptyStep, newKey, StepsEditor, type DraftStep, type DraftTarget } from '../components/StepsEditor';
import { plural } from '../format';
import type { ScheduleTargetType } from '../policy-format';
import { keys, usePolicy, useTeams, useUsers } from '../queries';
import { useSchedules } from '../schedule-queries';
import { canEditPolicy, useCurrentUser } from '../session';

type TargetBody =
  | { type: 'user'; userId: string }
  | { type: 'webhook'; url: string; secret?: string }
  | { type: ScheduleTargetType; scheduleId: string };
interface PolicyBody {
  name: string;
  description: string;
  teamId: string | null;
  repeatCount: number;
  steps: { delayMinutes: number; requireAllAck: boolean; targets: TargetBody[] }[];
}

const FIELDS = ['name', 'description', 'teamId', 'repeatCount'];

/** Fields the steps editor shows next to their inputs; other step errors go in the box at the top. */
function shownStepFields(steps: DraftStep[]): string[] {
  return steps.flatMap((s, i) => [
    `steps.${i}.delayMinutes`,
    ...s.targets.flatMap((t, j) => (t.type === 'webhook' ? [`steps.${i}.targets.${j}.url`, `steps.${i}.targets.${j}.secret`] : [])),
  ]);
}
const BACK = { to: '/escalation-policies', label: 'Escalation policies' };

export function NewEscalationPolicyPage() {
  return <PolicyLoader />;
}

export function EscalationPolicyPage() {
  const { id = '' } = useParams();
  const policy = usePolicy(id);
  if (policy.isPending) return <Loading what="Loading escalation policy" />;
  if (policy.isError)
    return (
      <Page title="Escalation policy" back={BACK}>
        <QueryError error={policy.error} retry={() => policy.refetch()} />
      </Page>
    );
  return <PolicyLoader policy={policy.data} />;
}

function PolicyLoader({ policy }: { policy?: EscalationPolicy }) {
  const user = useCurrentUser();
  const teams = useTeams();
  const users = useUsers();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const editable = policy ? canEditPolicy(user, policy.teamId) : user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);
  const usedBy = policy?.services ?? [];

  const actions = policy && editable && (
    <DangerButton
      label="Delete policy"
      title={`Delete ${policy.name}?`}
      confirmLabel="Delete policy"
      // A 409 names the services still using it; the dialog shows that message as is.
      action={() => api.del(`/api/escalation-policies/${policy.id}`)}
      onDone={() => {
        qc.removeQueries({ queryKey: keys.policy(policy.id) });
        qc.invalidateQueries({ queryKey: keys.policies });
        announce(`Escalation policy “${policy.name}” deleted.`);
        navigate('/escalation-policies');
      }}
    >
      {usedBy.length > 0 ? (
        <p className="alert alert-warning">
          <strong>In use by {plural(usedBy.length, 'service')}:</strong> {usedBy.map((s) => s.name).join(', ')}. It can’t be
          deleted until those services use another policy.
        </p>
      ) : (
        <p>
          This deletes <strong>{policy.name}</strong>. It can’t be undone.
        </p>
      )}
    </DangerButton>
  );

  return (
    <Page title={policy ? policy.name : 'New escalation policy'} back={BACK} actions={actions}>
      {policy && <PolicyWarnings warnings={policy.warnings} />}
      {policy && <ReachWarning kind="policy" id={policy.id} />}
      {policy && (
        <p>
          {usedBy.length === 0
            ? 'No service uses this policy yet.'
            : `Used by ${plural(usedBy.length, 'service')}: `}
          {usedBy.map((s, i) => (
            <span key={s.id}>
              {i > 0 && ', '}
              <Link to={`/services/${s.id}`}>{s.name}</Link>
            </span>
          ))}
        </p>
      )}
      {!editable ? (
        !policy ? (
          <p className="alert alert-info">Only admins and responders who belong to a team can create escalation policies.</p>
        ) : (
          <>
            <p className="alert alert-info">You can see this policy but not change it. Its team’s members and admins can.</p>
            {policy.description && <p className="prewrap">{policy.description}</p>}
            <StepSummary policy={policy} />
          </>
        )
      ) : teams.isPending || users.isPending ? (
        <Loading what="Loading teams and people" />
      ) : teams.isError || users.isError ? (
        <QueryError error={teams.error ?? users.error} retry={() => (teams.refetch(), users.refetch())} />
      ) : (
        <PolicyForm key={policy?.updatedAt ?? 'new'} policy={policy} teams={teams.data} users={users.data} me={user} />
      )}
    </Page>
  );
}

function toDraft(policy: EscalationPolicy | undefined): DraftStep[] {
  if (!policy) return [emptyStep()];
  return policy.steps.map((s) => ({
    key: newKey(),
    delayMinutes: String(s.delayMinutes),
    requireAllAck: s.requireAllAck,
    targets: s.targets.map((t): DraftTarget => {
      if (t.type === 'user') return { key: newKey(), type: 'user', userId: t.userId, name: t.name, unreachable: !t.hasVerifiedContact };
      if (t.type === 'webhook') return { key: newKey(), type: 'webhook', url: t.url, secret: '', existing: true };
      return { key: newKey(), type: t.type, scheduleId: t.scheduleId, name: t.name };
    }),
  }));
}

function localProblem(name: string, steps: DraftStep[]): string | null {
  if (!name.trim()) return 'Give the policy a name.';
  if (!steps.length) return 'Add at least one step.';
  const empty = steps.findIndex((s) => s.targets.length === 0);
  if (empty >= 0) return `Step ${empty + 1} notifies nobody: add a person, a schedule or a webhook to it, or remove it.`;
  for (const [i, s] of steps.entries()) {
    for (const t of s.targets) {
      if (t.type !== 'webhook') continue;
      if (!t.url.trim()) return `A webhook in step ${i + 1} has no URL.`;
      if ((!t.existing || t.secret) && t.secret.length < 16) return `The webhook secret in step ${i + 1} needs at least 16 characters.`;
    }
  }
  return null;
}

interface FormProps {
  policy?: EscalationPolicy;
  teams: Team[];
  users: User[];
  me: User;
}

function PolicyForm({ policy, teams, users, me }: FormProps) {
  // Schedules are optional here: without them the form still edits people and webhooks.
  const schedules = useSchedules();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const allowed = me.role === 'admin' ? teams : teams.filter((t) => me.teamIds.includes(t.id));
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [teamId, setTeamId] = useState(policy ? (policy.teamId ?? '') : me.role === 'admin' ? '' : (allowed[0]?.id ?? ''));
  const [repeatCount, setRepeatCount] = useState(String(policy?.repeatCount ?? 0));
  const [steps, setSteps] = useState<DraftStep[]>(() => toDraft(policy));
  const [localError, setLocalError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: PolicyBody) =>
      policy
        ? api.patch<EscalationPolicy>(`/api/escalation-policies/${policy.id}`, body)
        : api.post<EscalationPolicy>('/api/escalation-policies', body),
    onSuccess: (saved) => {
      qc.setQueryData(keys.policy(saved.id), saved);
      qc.invalidateQueries({ queryKey: keys.policies });
      announce(policy ? `Saved changes to ${saved.name}.` : `Escalation policy “${saved.name}” created.`);
      if (!policy) navigate(`/escalation-policies/${saved.id}`);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const problem = localProblem(name, steps);
    setLocalError(problem);
    if (problem) return;
    save.mutate({
      name: name.trim(),
      description,
      teamId: teamId || null,
      repeatCount: Number(repeatCount) || 0,
      steps: steps.map((s) => ({
        delayMinutes: Number(s.delayMinutes) || 0,
        requireAllAck: s.requireAllAck,
        targets: s.targets.map((t): TargetBody => {
          if (t.type === 'user') return { type: 'user', userId: t.userId };
          if (t.type === 'webhook') return { type: 'webhook', url: t.url.trim(), ...(t.secret ? { secret: t.secret } : {}) };
          return { type: t.type, scheduleId: t.scheduleId };
        }),
      })),
    });
  }

  // Keep the current team selectable when editing, even if the user couldn't pick it for a new policy.
  const options = policy?.teamId && !allowed.some((t) => t.id === policy.teamId) ? teams.filter((t) => t.id === policy.teamId).concat(allowed) : allowed;
  const err = save.error;

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={localError ?? err} shownFields={[...FIELDS, ...shownStepFields(steps)]} />
      <TextField label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(err, 'name')} />
      <TextAreaField label="Description" rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(err, 'description')} />
      <SelectField
        label="Team"
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        error={errorFor(err, 'teamId')}
        hint={me.role === 'admin' ? 'A shared policy can only be changed by admins.' : 'Only teams you belong to are listed.'}
      >
        {me.role === 'admin' && <option value="">No team (shared)</option>}
        {options.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Repeat count"
        type="number"
        inputMode="numeric"
        min={0}
        max={20}
        hint="How many times to run all the steps again if nobody acknowledges. 0 runs them once."
        value={repeatCount}
        onChange={(e) => setRepeatCount(e.target.value)}
        error={errorFor(err, 'repeatCount')}
      />
      <StepsEditor steps={steps} onChange={setSteps} users={users} schedules={schedules.data} errorFor={(n) => errorFor(err, n)} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          {policy ? 'Save changes' : 'Create escalation policy'}
        </button>
        <Link to={BACK.to} className="btn btn-quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
