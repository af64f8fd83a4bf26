import type { Session, UpdateProfile, User, WorkingHours } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAnnounce } from '../announcer';
import { CalendarFeedButton } from '../components/CalendarFeedButton';
import { ContactSetupSection, ContactWarnings } from '../components/ContactSetupSection';
import { errorFor, FormError, TextField } from '../components/Field';
import { MyRecoveryDays } from '../components/MyRecoveryDays';
import { Page } from '../components/Page';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { WorkingHoursFields } from '../components/WorkingHoursFields';
import { roleLabel } from '../format';
import { keys } from '../queries';
import { sessionKey, useCurrentUser } from '../session';

export function ProfilePage() {
  const user = useCurrentUser();
  return (
    <Page title="Your profile">
      <ContactWarnings />
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd className="break">{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(user.role)}</dd>
        </div>
      </dl>
      <ContactSetupSection />
      <section className="panel" aria-labelledby="my-health-h">
        <h2 id="my-health-h">Your health</h2>
        <p>
          How often you were paged this week, how much of it in your sleep, your recovery days, on-call hours and toil:{' '}
          <Link to={`/people/${user.id}/health`}>Your health</Link>.
        </p>
      </section>
      <ProfileForm user={user} key={user.updatedAt} />
      <section className="panel" aria-labelledby="shifts-h">
        <h2 id="shifts-h">Your shifts</h2>
        <p>
          Your on-call shifts on every schedule, in your calendar app. Swaps you asked for or were asked to take are on{' '}
          <Link to="/swap-requests">Swap requests</Link>.
        </p>
        <CalendarFeedButton path="/api/me/calendar-feed" what="your shifts" />
      </section>
      <section className="panel" aria-labelledby="recovery-h">
        <h2 id="recovery-h">Your recovery days</h2>
        <MyRecoveryDays />
      </section>
      <PasswordForm />
    </Page>
  );
}

/** Says where the zone came from, so a zone set silently from the browser is not a surprise. */
function zoneHint(user: User): string {
  const use = 'Times in Operable, and your working hours, use this time zone.';
  if (user.timeZoneSource === 'browser') return `Set automatically from your browser when you first signed in. ${use} Change it here if it is wrong.`;
  if (user.timeZoneSource === 'default') return `Not chosen yet, so UTC. ${use}`;
  return use;
}

function ProfileForm({ user }: { user: User }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [name, setName] = useState(user.name);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [workingHours, setWorkingHours] = useState<WorkingHours>(user.workingHours);

  const save = useMutation({
    mutationFn: (body: UpdateProfile) => api.patch<User>('/api/me', body),
    onSuccess: (saved) => {
      qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, user: saved } : s));
      qc.setQueryData(keys.user(saved.id), saved);
      qc.invalidateQueries({ queryKey: keys.users });
      announce('Your profile is saved.');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!save.isPending) save.mutate({ name: name.trim(), timeZone, workingHours });
  }

  return (
    <section className="panel" aria-labelledby="details-h">
      <h2 id="details-h">Your details</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={save.error} shownFields={['name', 'timeZone', 'workingHours']} />
        <TextField label="Your name" required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.error, 'name')} />
        <TimeZoneSelect
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          error={errorFor(save.error, 'timeZone')}
          hint={zoneHint(user)}
        />
        <WorkingHoursFields value={workingHours} onChange={setWorkingHours} errorFor={(n) => errorFor(save.error, n)} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
            Save changes
          </button>
        </div>
      </form>
    </section>
  );
}

function PasswordForm() {
  const announce = useAnnounce();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: () => api.put<void>('/api/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setConfirm('');
      announce('Your password is changed.');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (change.isPending) return;
    if (newPassword.length < 12) return setLocalError('The new password needs at least 12 characters.');
    if (newPassword !== confirm) return setLocalError('The two new passwords don’t match.');
    setLocalError(null);
    change.mutate();
  }

  const err = change.error;
  const wrongCurrent =
    err instanceof ApiError && (err.code === 'unauthenticated' || err.code === 'forbidden') && !err.fields.length;
  const shown = localError ?? (wrongCurrent ? 'Your current password isn’t right. Try again.' : err);

  return (
    <section className="panel" aria-labelledby="password-h">
      <h2 id="password-h">Change password</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={shown} shownFields={['currentPassword', 'newPassword']} />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={errorFor(err, 'currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters."
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={errorFor(err, 'newPassword')}
        />
        <TextField
          label="Confirm password"
          hint="Type the new password again."
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={change.isPending}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
