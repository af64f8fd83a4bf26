import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { errorFor, FormError, TextField } from '../components/Field';
import { usePageTitle } from '../components/Page';

const MIN_LENGTH = 12;

export function ResetPasswordPage() {
  usePageTitle('Set your password');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [token, setToken] = useState(params.get('token') ?? '');
  const hadToken = Boolean(params.get('token'));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const reset = useMutation({
    mutationFn: () => api.post<void>('/api/auth/password-reset', { token: token.trim(), password }),
    onSuccess: () =>
      navigate('/sign-in', { replace: true, state: { notice: 'Your password is set. Sign in with your new password.' } }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reset.isPending) return;
    if (password.length < MIN_LENGTH) return setLocalError(`The password needs at least ${MIN_LENGTH} characters.`);
    if (password !== confirm) return setLocalError('The two passwords don’t match. Type the same password twice.');
    setLocalError(null);
    reset.mutate();
  }

  const error = reset.error;
  const badToken = error instanceof ApiError && (error.code === 'invalid_token' || errorFor(error, 'token'));
  const shown = badToken
    ? 'This link has expired or was already used. Ask an admin to create a new password link for you.'
    : (localError ?? error);

  return (
    <main id="main" className="auth-page" tabIndex={-1}>
      <div className="auth-card">
        <p className="brand brand-large">Operable</p>
        <h1>Set your password</h1>
        <p>Choose a password of at least {MIN_LENGTH} characters. A few unrelated words make a strong one.</p>
        <form onSubmit={submit} noValidate>
          <FormError error={shown} shownFields={['password', 'token']} title="" />
          {!hadToken && (
            <TextField
              label="Reset code"
              hint="The part after “token=” in the link you were given."
              required
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          )}
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(error, 'password')}
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
          <button type="submit" className="btn btn-primary btn-block" aria-disabled={reset.isPending}>
            Set password
          </button>
        </form>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    </main>
  );
}
