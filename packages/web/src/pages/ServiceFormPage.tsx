import type { CreateService, EscalationPolicy, Service, Team, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, FormError, SelectField, TextAreaField, TextField } from '../components/Field';
import { Loading, Page, QueryError } from '../components/Page';
import { parseTags } from '../format';
import { keys, usePolicies, useService, useTeams } from '../queries';
import { canEditTeamServices, useCurrentUser } from '../session';

const FIELDS = ['name', 'description', 'teamId', 'runbookUrl', 'runbookMarkdown', 'tags', 'escalationPolicyId', 'ackTimeoutMinutes', 'stormWindowSeconds'];

export function NewServicePage() {
  return <ServiceFormLoader />;
}

export function EditServicePage() {
  const { id = '' } = useParams();
  const service = useService(id);
  if (service.isPending) return <Loading what="Loading service" />;
  if (service.isError) return <QueryError error={service.error} retry={() => service.refetch()} />;
  return <ServiceFormLoader service={service.data} />;
}

function ServiceFormLoader({ service }: { service?: Service }) {
  const teams = useTeams();
  const policies = usePolicies();
  const user = useCurrentUser();
  const title = service ? `Edit ${service.name}` : 'New service';
  const back = service ? { to: `/services/${service.id}`, label: service.name } : { to: '/services', label: 'Services' };
  return (
    <Page title={title} back={back}>
      {teams.isPending ? (
        <Loading what="Loading teams" />
      ) : teams.isError ? (
        <QueryError error={teams.error} retry={() => teams.refetch()} />
      ) : service && !canEditTeamServices(user, service.teamId) ? (
        <p className="alert alert-info">You can view this service but not change it. Only its team’s members and admins can.</p>
      ) : (
        <ServiceForm service={service} teams={teams.data} policies={policies.data} user={user} cancelTo={back.to} />
      )}
    </Page>
  );
}

interface FormProps {
  service?: Service;
  teams: Team[];
  /** Undefined while loading or when they couldn't be loaded. */
  policies: EscalationPolicy[] | undefined;
  user: User;
  cancelTo: string;
}

function ServiceForm({ service, teams, policies, user, cancelTo }: FormProps) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const allowed = teams.filter((t) => canEditTeamServices(user, t.id));
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [teamId, setTeamId] = useState(service?.teamId ?? (allowed.length === 1 ? allowed[0]!.id : ''));
  const [runbookUrl, setRunbookUrl] = useState(service?.runbookUrl ?? '');
  const [runbookMarkdown, setRunbookMarkdown] = useState(service?.runbookMarkdown ?? '');
  const [tags, setTags] = useState(service?.tags.join(', ') ?? '');
  const [escalationPolicyId, setPolicyId] = useState(service?.escalationPolicyId ?? '');
  const [ackTimeout, setAckTimeout] = useState(service?.ackTimeoutMinutes ? String(service.ackTimeoutMinutes) : '');
  const [stormWindow, setStormWindow] = useState(String(service?.stormWindowSeconds ?? 300));
  const [localError, setLocalError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: CreateService) =>
      service ? api.patch<Service>(`/api/services/${service.id}`, body) : api.post<Service>('/api/services', body),
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: keys.services() });
      qc.setQueryData(keys.service(saved.id), saved);
      announce(service ? `Saved changes to ${saved.name}.` : `Service “${saved.name}” created.`);
      navigate(service ? `/services/${saved.id}` : '/services');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    if (!name.trim()) return setLocalError('Give the service a name.');
    if (!teamId) return setLocalError('Choose the team that owns this service.');
    setLocalError(null);
    save.mutate({
      name: name.trim(),
      description,
      teamId,
      runbookUrl: runbookUrl.trim() || null,
      runbookMarkdown,
      tags: parseTags(tags),
      escalationPolicyId: escalationPolicyId || null,
      ackTimeoutMinutes: ackTimeout.trim() ? Number(ackTimeout) : null,
      stormWindowSeconds: stormWindow.trim() ? Number(stormWindow) : 0,
    });
  }

  if (!service && allowed.length === 0) {
    return (
      <p className="alert alert-info">
        You can only add services for teams you belong to, and you aren’t in any team yet. Ask an admin to add you to a
        team.
      </p>
    );
  }

  // Keep the current team selectable when editing, even if the user couldn't pick it for a new service.
  const options =
    service && !allowed.some((t) => t.id === service.teamId)
      ? teams.filter((t) => t.id === service.teamId).concat(allowed)
      : allowed;
  const error = localError ?? save.error;

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={error} shownFields={FIELDS} />
      <TextField
        label="Name"
        required
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(save.error, 'name')}
      />
      <TextAreaField
        label="Description"
        rows={3}
        maxLength={5000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errorFor(save.error, 'description')}
      />
      <SelectField
        label="Team"
        required
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        error={errorFor(save.error, 'teamId')}
        hint={user.role === 'admin' ? undefined : 'Only teams you belong to are listed.'}
      >
        <option value="">Choose a team…</option>
        {options.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Runbook URL"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={runbookUrl}
        onChange={(e) => setRunbookUrl(e.target.value)}
        error={errorFor(save.error, 'runbookUrl')}
        hint="Optional link to a runbook kept elsewhere (http or https)."
      />
      <TextAreaField
        label="Runbook (Markdown)"
        rows={10}
        className="mono"
        value={runbookMarkdown}
        onChange={(e) => setRunbookMarkdown(e.target.value)}
        error={errorFor(save.error, 'runbookMarkdown')}
        hint="What to check and do when this service has a problem. Headings, lists, `code` and links are shown formatted."
      />
      <TextField
        label="Tags (comma-separated)"
        spellCheck={false}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        error={errorFor(save.error, 'tags')}
        hint="For example: payments, tier-1, eu-west. Letters, digits and . _ : / - only."
      />
      <fieldset className="fieldset">
        <legend>Paging</legend>
        <SelectField
          label="Escalation policy"
          value={escalationPolicyId}
          onChange={(e) => setPolicyId(e.target.value)}
          error={errorFor(save.error, 'escalationPolicyId')}
          hint={policies ? 'Who is notified when this service has an alert.' : 'Couldn’t load the escalation policies.'}
        >
          <option value="">None: alerts don’t page anyone</option>
          {escalationPolicyId && !policies?.some((p) => p.id === escalationPolicyId) && <option value={escalationPolicyId}>The current policy</option>}
          {policies?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.warnings.length ? ' (needs attention)' : ''}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Acknowledgement timeout (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={10080}
          value={ackTimeout}
          onChange={(e) => setAckTimeout(e.target.value)}
          error={errorFor(save.error, 'ackTimeoutMinutes')}
          hint="If an alert stays acknowledged but unresolved this long, it triggers again. Leave empty for never."
        />
        <TextField
          label="Storm window (seconds)"
          type="number"
          inputMode="numeric"
          min={0}
          max={86400}
          value={stormWindow}
          onChange={(e) => setStormWindow(e.target.value)}
          error={errorFor(save.error, 'stormWindowSeconds')}
          hint="Alerts that arrive within this many seconds of a paging alert join its group and don’t page again. 0 turns grouping off."
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          {service ? 'Save changes' : 'Create service'}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => navigate(cancelTo)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
