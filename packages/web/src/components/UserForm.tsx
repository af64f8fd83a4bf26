import type { Role, User, WorkingHours } from '@operable/shared';
import { ROLES } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { roleLabel } from '../format';
import { errorFor, FormError, SelectField, TextField } from './Field';
import { browserTimeZone, TimeZoneSelect } from './TimeZoneSelect';
import { WorkingHoursFields } from './WorkingHoursFields';

// Same as the server's DEFAULT_WORKING_HOURS; copied so zod stays out of the bundle.
const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

export interface UserFormValues {
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  workingHours: WorkingHours;
  password?: string;
}

interface Props {
  user?: User;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onCancel?: () => void;
}

const ROLE_HELP: Record<Role, string> = {
  viewer: 'can look at everything but change nothing',
  responder: 'can also manage their own teams’ services and handle incidents',
  admin: 'can also manage people, teams, keys and settings',
};

/** Create or edit a person (admin only). */
export function UserForm({ user, submitLabel, busy, error, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'responder');
  const [timeZone, setTimeZone] = useState(user?.timeZone ?? browserTimeZone());
  const [workingHours, setWorkingHours] = useState<WorkingHours>(user?.workingHours ?? DEFAULT_WORKING_HOURS);
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const values: UserFormValues = { name: name.trim(), email: email.trim(), role, timeZone, workingHours };
    if (!user && password) values.password = password;
    onSubmit(values);
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={error} shownFields={['name', 'email', 'role', 'timeZone', 'workingHours', 'password']} />
      <TextField label="Full name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(error, 'name')} />
      <TextField
        label="Email address"
        type="email"
        required
        autoComplete="off"
        spellCheck={false}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errorFor(error, 'email')}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={errorFor(error, 'role')}
        hint={`${roleLabel(role)}s ${ROLE_HELP[role]}.`}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </SelectField>
      <TimeZoneSelect value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errorFor(error, 'timeZone')} />
      <WorkingHoursFields value={workingHours} onChange={setWorkingHours} errorFor={(n) => errorFor(error, n)} />
      {!user && (
        <TextField
          label="Initial password (optional)"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor(error, 'password')}
          hint="At least 12 characters. Leave empty and create a password link for them afterwards instead."
        />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
