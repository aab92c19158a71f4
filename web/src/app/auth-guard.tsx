import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../modules/auth/auth.api.ts';
import { ErrorMessage, Loading } from '../ui/status.tsx';
import { SignedInUserContext } from './signed-in-user.ts';

export function AuthGuard() {
  const me = useCurrentUser();
  const location = useLocation();

  if (me.isPending) {
    return (
      <main id="main" className="app-main">
        <h1 className="sr-only">Afterclose</h1>
        <Loading>Checking your session…</Loading>
      </main>
    );
  }

  if (me.isError && me.data === undefined) {
    return (
      <main id="main" className="app-main">
        <h1>Afterclose is unavailable</h1>
        <ErrorMessage error={me.error} />
        <button type="button" className="button" onClick={() => me.refetch()}>
          Try again
        </button>
      </main>
    );
  }

  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }

  return (
    <SignedInUserContext value={me.data}>
      <Outlet />
    </SignedInUserContext>
  );
}
