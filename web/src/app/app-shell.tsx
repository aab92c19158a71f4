import { type RefObject, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { canSeeAttention } from '../modules/attention/attention.api.ts';
import { canSeeAudit } from '../modules/audit/audit.api.ts';
import { type Role, roleLabels, useLogout } from '../modules/auth/auth.api.ts';
import { canImport, canReadOutbox } from '../modules/auth/permissions.ts';
import { NotificationBell } from '../modules/notifications/notification-bell.tsx';
import { PasswordGate } from '../modules/people/password-gate.tsx';
import { SearchButton } from '../modules/search/search-button.tsx';
import { canManageWebhooks } from '../modules/webhooks/webhooks.api.ts';
import { useSignedInUser } from './signed-in-user.ts';

type NavItem = { to: string; label: string; shownTo?: (role: Role) => boolean };

/** The main navigation, in order; a few pages are only for some roles. */
const mainNav: NavItem[] = [
  { to: '/my-day', label: 'My day' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/pipeline', label: 'Pipeline' },
  { to: '/products', label: 'Products' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/attention', label: 'Attention', shownTo: canSeeAttention },
  { to: '/playbooks', label: 'Playbooks' },
  { to: '/service', label: 'Service' },
  { to: '/surveys', label: 'Surveys' },
  { to: '/referrals', label: 'Referrals' },
  { to: '/outbox', label: 'Outbox', shownTo: canReadOutbox },
  { to: '/import', label: 'Import', shownTo: canImport },
  { to: '/webhooks', label: 'Webhooks', shownTo: canManageWebhooks },
  { to: '/settings', label: 'Settings' },
  { to: '/users', label: 'Users', shownTo: (role) => role === 'admin' },
  { to: '/audit', label: 'Audit', shownTo: canSeeAudit },
];

export function AppShell() {
  const user = useSignedInUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link className="brand" to="/accounts">
            Afterclose
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {mainNav.filter((item) => item.shownTo?.(user.role) ?? true).map((item) => (
                <li key={item.to}>
                  <NavLink className="nav-link" to={item.to}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu">
            <NotificationBell />
            <SearchButton />
            <p className="user-menu__who" data-testid="current-user">
              <Link className="user-menu__name" to="/profile" title="Your profile: name, time zone, password, API tokens">
                {user.name}
              </Link>{' '}
              <span className="user-menu__role">({roleLabels[user.role] ?? user.role})</span>
            </p>
            <button
              type="button"
              className="button button--secondary"
              onClick={onLogout}
              disabled={logout.isPending}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={mainRef}>
        <PasswordGate>
          <Outlet />
        </PasswordGate>
      </main>
    </>
  );
}

/**
 * A client-side route change does not move focus the way a page load does; sending it to
 * <main> lets screen-reader and keyboard users start at the new page's content.
 */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [pathname, mainRef]);
}
