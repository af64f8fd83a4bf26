import type { MaintenanceWindow, Service, User } from '@operable/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useAnnounce } from '../announcer';
import { DangerButton } from '../components/DangerButton';
import { errorFor, FormError, TextField } from '../components/Field';
import { OneOffFields, RecurringFields, ServicePicker } from '../components/MaintenanceFields';
import { Loading, Page, QueryError } from '../components/Page';
import { draftFromWindow, newDraft, readDraft, type MaintenanceDraft, type MaintenanceKind } from '../maintenance-draft';
import { canEditWindow, canPlanMaintenance, inEffectUntil, scopeText, selectableServices } from '../maintenance-format';
import { deleteMaintenance, maintenanceKeys, useMaintenanceWindow, useSaveMaintenance } from '../maintenance-queries';
import { useServices } from '../queries';
import { formatMoment } from '../schedule-layout';
import { useCurrentUser, useViewerZone } from '../session';

const NO_FILTERS = {};
const BACK = { to: '/maintenance', label: 'Maintenance' };
const KINDS: { value: MaintenanceKind; label: string }[] = [
  { value: 'once', label: 'Once, at a set time' },
  { value: 'recurring', label: 'Every week, on chosen days' },
];

/** Fields shown beside their inputs for each kind; other API errors go in the box at the top. */
function shownFields(kind: MaintenanceKind): string[] {
  return ['name', 'serviceIds', ...(kind === 'once' ? ['startsAt', 'endsAt'] : ['days', 'start', 'durationMinutes', 'timeZone'])];
}

/** `/maintenance/new`, or `/maintenance/new?serviceId=…` from a service's page (it comes back there after). */
export function NewMaintenancePage() {
  const [params] = useSearchParams();
  return <MaintenanceFormLoader serviceId={params.get('serviceId') ?? undefined} />;
}

export function EditMaintenancePage() {
  const { id = '' } = useParams();
  const item = useMaintenanceWindow(id);
  if (item.isPending) return <Loading what="Loading maintenance window" />;
  if (item.isError)
    return (
      <Page title="Edit maintenance window" back={BACK}>
        <QueryError error={item.error} retry={() => item.refetch()} />
      </Page>
    );
  return <MaintenanceFormLoader item={item.data} />;
}

function MaintenanceFormLoader({ item, serviceId }: { item?: MaintenanceWindow; serviceId?: string }) {
  const user = useCurrentUser();
  const services = useServices(NO_FILTERS);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const from = serviceId ? services.data?.find((s) => s.id === serviceId) : undefined;
  const back = serviceId ? { to: `/services/${serviceId}`, label: from?.name ?? 'Service' } : BACK;
  const teamOf = (id: string) => services.data?.find((s) => s.id === id)?.teamId;
  const editable = item ? services.isSuccess && canEditWindow(user, item, teamOf) : canPlanMaintenance(user);

  const actions = item && editable && (
    <DangerButton
      label="Delete window"
      title={`Delete ${item.name}?`}
      confirmLabel="Delete window"
      action={() => deleteMaintenance(item.id)}
      onDone={() => {
        qc.removeQueries({ queryKey: maintenanceKeys.one(item.id) });
        qc.invalidateQueries({ queryKey: maintenanceKeys.all });
        announce(`Maintenance window “${item.name}” deleted.`);
        navigate(BACK.to);
      }}
    >
      <p>
        This deletes the maintenance window <strong>{item.name}</strong> ({scopeText(item)}). It can’t be undone.
      </p>
    </DangerButton>
  );

  return (
    <Page title={item ? `Edit ${item.name}` : 'New maintenance window'} back={back} actions={actions}>
      <p>Alerts for the chosen services are still recorded during the window, but page nobody.</p>
      {services.isPending ? (
        <Loading what="Loading services" />
      ) : services.isError ? (
        <QueryError error={services.error} retry={() => services.refetch()} />
      ) : !editable ? (
        <p className="alert alert-info">
          {item
            ? 'You can see this window but not change it. Admins can, and responders whose teams own all of its services.'
            : 'Only admins and responders who belong to a team can plan maintenance.'}
        </p>
      ) : (
        <MaintenanceForm key={item?.id ?? 'new'} item={item} services={services.data} me={user} serviceId={serviceId} doneTo={back.to} />
      )}
    </Page>
  );
}

interface FormProps {
  item?: MaintenanceWindow;
  services: Service[];
  me: User;
  /** Chosen at the start, when the form was opened from a service. */
  serviceId?: string;
  /** Where to go after saving or cancelling. */
  doneTo: string;
}

function MaintenanceForm({ item, services, me, serviceId, doneTo }: FormProps) {
  const zone = useViewerZone();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<MaintenanceDraft>(() => {
    const d = item ? draftFromWindow(item, zone, Date.now()) : newDraft(Date.now(), zone, serviceId ? [serviceId] : []);
    // A service deleted since keeps its id in the window, but the server would refuse it back.
    return { ...d, serviceIds: d.serviceIds.filter((id) => services.some((s) => s.id === id)) };
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveMaintenance(item?.id);
  const set = (patch: Partial<MaintenanceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const options = selectableServices(me, services, draft.serviceIds);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const result = readDraft(draft, zone);
    setLocalError(result.ok ? null : result.problem);
    if (!result.ok) return;
    save.mutate(result.input, {
      onSuccess: (saved) => {
        const until = inEffectUntil(saved, Date.now());
        announce(
          until !== null
            ? `Maintenance “${saved.name}” is in effect until ${formatMoment(until, zone)}.`
            : item
              ? `Saved changes to ${saved.name}.`
              : `Maintenance window “${saved.name}” planned.`,
        );
        navigate(doneTo);
      },
    });
  }

  const err = save.error;
  const fieldError = (name: string) => errorFor(err, name);

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={localError ?? err} shownFields={shownFields(draft.kind)} />
      <TextField
        label="Name"
        required
        maxLength={200}
        hint="What is happening, e.g. “Deploy 4.2” or “Nightly database backup”."
        value={draft.name}
        onChange={(e) => set({ name: e.target.value })}
        error={fieldError('name')}
      />
      <ServicePicker draft={draft} set={set} errorFor={fieldError} services={options} canChooseAll={me.role === 'admin'} />
      <fieldset className="fieldset">
        <legend>When</legend>
        {KINDS.map((k) => (
          <label key={k.value} className="check">
            <input type="radio" name="kind" value={k.value} checked={draft.kind === k.value} onChange={() => set({ kind: k.value })} />
            {k.label}
          </label>
        ))}
        {draft.kind === 'once' ? (
          <OneOffFields draft={draft} set={set} errorFor={fieldError} zone={zone} />
        ) : (
          <RecurringFields draft={draft} set={set} errorFor={fieldError} />
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
          {item ? 'Save changes' : 'Save maintenance window'}
        </button>
        <Link to={doneTo} className="btn btn-quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
