import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { roleLabels, useLogout } from '../modules/auth/auth.api.ts';
import { NotificationBell } from '../modules/notifications/notification-bell.tsx';
import { PasswordGate } from '../modules/people/password-gate.tsx';
import { SearchButton } from '../modules/search/search-button.tsx';
import { AppNav } from './app-nav.tsx';
import { Icon } from './nav-icons.tsx';
import './app-shell.css';
import { useSignedInUser } from './signed-in-user.ts';

export function AppShell() {
  const user = useSignedInUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const menu = useNarrowScreenMenu();
  useFocusMainOnNavigation(mainRef);

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-layout" data-menu-open={menu.open}>
        <div className="app-sidebar" ref={menu.panelRef}>
          <div className="app-sidebar__top">
            <Link className="brand" to="/accounts" onClick={menu.closeForNavigation}>
              <span className="brand__mark" aria-hidden="true">A</span>
              Afterclose
            </Link>
            <button type="button" className="icon-button app-sidebar__close" onClick={menu.close} aria-label="Close navigation">
              <Icon name="close" />
            </button>
          </div>
          <AppNav role={user.role} onNavigate={menu.closeForNavigation} />
        </div>
        {menu.open ? <div className="app-backdrop" onClick={menu.close} aria-hidden="true" /> : null}
        <div className="app-content" inert={menu.open}>
          <header className="app-topbar">
            <button
              type="button"
              className="icon-button app-topbar__menu"
              ref={menu.buttonRef}
              onClick={menu.toggle}
              aria-expanded={menu.open}
              aria-controls="main-nav"
            >
              <Icon name="menu" />
              <span>Menu</span>
            </button>
            <Link className="brand app-topbar__brand" to="/accounts">
              Afterclose
            </Link>
            <div className="app-topbar__tools">
              <SearchButton />
              <NotificationBell />
              <div className="user-menu">
                <Link className="user-menu__profile" to="/profile" title="Your profile: name, time zone, password, API tokens">
                  <span className="user-menu__avatar" aria-hidden="true">
                    {initials(user.name)}
                  </span>
                  <span className="user-menu__who" data-testid="current-user">
                    <span className="user-menu__name">{user.name}</span>{' '}
                    <span className="user-menu__role">{roleLabels[user.role] ?? user.role}</span>
                  </span>
                </Link>
                <button type="button" className="icon-button" onClick={onLogout} disabled={logout.isPending}>
                  <Icon name="logOut" />
                  <span className="user-menu__logout-label">Log out</span>
                </button>
              </div>
            </div>
          </header>
          <main id="main" className="app-main" tabIndex={-1} ref={mainRef}>
            <PasswordGate>
              <Outlet />
            </PasswordGate>
          </main>
        </div>
      </div>
    </>
  );
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');

/**
 * Below 768 px the sidebar is a panel opened by the Menu button: opening moves focus to the first
 * link and makes the page behind it inert, Escape or the close button returns focus to the Menu
 * button, and following a link closes it.
 */
function useNarrowScreenMenu() {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The page behind the open panel is inert; it must be live again before the Menu button takes focus.
  const closeAndReturnFocus = useCallback(() => {
    flushSync(() => setOpen(false));
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLAnchorElement>('.nav-link')?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeAndReturnFocus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [open, closeAndReturnFocus]);

  return {
    open,
    panelRef,
    buttonRef,
    toggle: () => setOpen((isOpen) => !isOpen),
    close: closeAndReturnFocus,
    // Closed in the click itself, so the page is no longer inert when focus moves to the new page.
    closeForNavigation: () => setOpen(false),
  };
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
