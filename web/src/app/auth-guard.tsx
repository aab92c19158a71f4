import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../modules/auth/auth.api.ts';
import { useCompanySettings } from '../modules/settings/index.ts';
import { setCompanyCurrency } from '../ui/format.ts';
import { ErrorMessage, Loading } from '../ui/status.tsx';
import { SignedInUserContext } from './signed-in-user.ts';

export function AuthGuard() {
  const me = useCurrentUser();
  const location = useLocation();
  // Asked for alongside the session, so pages format their first amount in the company's currency.
  // Without them (an error), amounts fall back to euros rather than keeping the app from opening.
  const company = useCompanySettings();
  if (company.data) setCompanyCurrency(company.data.default_currency);

  if (me.isPending || (me.data && company.isPending)) {
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
