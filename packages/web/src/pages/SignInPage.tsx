import type { Session } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, setCsrfToken } from '../api';
import { errorFor, FormError, TextField } from '../components/Field';
import { Loading, usePageTitle } from '../components/Page';
import { sessionKey, useSessionQuery } from '../session';

/** Only follow same-site paths after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSessionQuery();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const notice = (location.state as { notice?: string } | null)?.notice;

  const signIn = useMutation({
    mutationFn: () => api.post<Session>('/api/auth/sign-in', { email: email.trim(), password }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(sessionKey, s);
      navigate(next, { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (session.isPending) return <Loading what="Checking your session" />;
  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!signIn.isPending) signIn.mutate();
  }

  const error = signIn.error;
  const badCredentials = error instanceof ApiError && error.code === 'unauthenticated';

  return (
    <main id="main" className="auth-page" tabIndex={-1}>
      <div className="auth-card">
        <p className="brand brand-large">Operable</p>
        <h1>Sign in</h1>
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <FormError
            error={badCredentials ? 'That email and password don’t match an account. Check them and try again.' : error}
            shownFields={['email', 'password']}
            title=""
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errorFor(error, 'email')}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(error, 'password')}
          />
          <button type="submit" className="btn btn-primary btn-block" aria-disabled={signIn.isPending}>
            Sign in
          </button>
          {signIn.isPending && (
            <p className="muted" role="status">
              Signing in…
            </p>
          )}
        </form>
        <p className="muted">
          Forgot your password? Ask an admin for a password reset link.{' '}
          <Link to="/reset-password">Have a link already?</Link>
        </p>
      </div>
    </main>
  );
}
