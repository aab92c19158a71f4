import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useLogin } from './auth.api.ts';

export function LoginPage() {
  const navigate = useNavigate();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate('/accounts', { replace: true }) },
    );
  };

  const error = login.error instanceof ApiError ? login.error : null;
  const message = login.error ? loginErrorMessage(error) : null;
  // A 401 does not say which of the two was wrong, so both fields are marked.
  const emailInvalid = error?.status === 401 || error?.field === 'email';
  const passwordInvalid = error?.status === 401 || error?.field === 'password';

  return (
    <div className="login-layout">
      <title>Sign in · Afterclose</title>
      <header className="login-layout__brand">Afterclose</header>
      <main id="main" className="login-card card">
        <h1>Sign in</h1>
        <p className="muted">Use your work email and password.</p>
        <form className="login-form" onSubmit={onSubmit} data-testid="login-form">
          {message ? (
            <div className="status status--error" role="alert" data-testid="login-error">
              {message}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              id="login-email"
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={emailInvalid}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={passwordInvalid}
            />
          </div>
          <button type="submit" className="button login-form__submit" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}

function loginErrorMessage(error: ApiError | null): string {
  if (error?.message) return error.message;
  if (error?.status === 429) return 'Too many attempts. Please wait a moment and try again.';
  return 'Sign in failed. Please try again.';
}
