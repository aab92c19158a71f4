import { NavLink } from 'react-router-dom';
import { canSeeAttention } from '../modules/attention/attention.api.ts';
import { canSeeAudit } from '../modules/audit/audit.api.ts';
import type { Role } from '../modules/auth/auth.api.ts';
import { canImport, canReadOutbox } from '../modules/auth/permissions.ts';
import { canSeeTeamLoad } from '../modules/team-load/team-load.api.ts';
import { canManageWebhooks } from '../modules/webhooks/webhooks.api.ts';
import { Icon, type IconName } from './nav-icons.tsx';

type NavItem = { to: string; label: string; icon: IconName; shownTo?: (role: Role) => boolean };
type NavSection = { title: string; items: NavItem[] };

/** The main navigation, grouped by what people come to do; a few pages are only for some roles. */
const mainNav: NavSection[] = [
  {
    title: 'Customers',
    items: [
      { to: '/my-day', label: 'My day', icon: 'myDay' },
      { to: '/accounts', label: 'Accounts', icon: 'accounts' },
      { to: '/pipeline', label: 'Pipeline', icon: 'pipeline' },
      { to: '/products', label: 'Products', icon: 'products' },
      { to: '/attention', label: 'Attention', icon: 'attention', shownTo: canSeeAttention },
      { to: '/team-load', label: 'Team load', icon: 'teamLoad', shownTo: canSeeTeamLoad },
      { to: '/service', label: 'Service', icon: 'service' },
    ],
  },
  {
    title: 'Retention',
    items: [
      { to: '/playbooks', label: 'Playbooks', icon: 'playbooks' },
      { to: '/surveys', label: 'Surveys', icon: 'surveys' },
      { to: '/referrals', label: 'Referrals', icon: 'referrals' },
      { to: '/analytics', label: 'Analytics', icon: 'analytics' },
    ],
  },
  {
    title: 'Workspace',
    items: [
      { to: '/outbox', label: 'Outbox', icon: 'outbox', shownTo: canReadOutbox },
      { to: '/import', label: 'Import', icon: 'import', shownTo: canImport },
      { to: '/webhooks', label: 'Webhooks', icon: 'webhooks', shownTo: canManageWebhooks },
      { to: '/settings', label: 'Settings', icon: 'settings' },
      { to: '/users', label: 'Users', icon: 'users', shownTo: (role) => role === 'admin' },
      { to: '/audit', label: 'Audit', icon: 'audit', shownTo: canSeeAudit },
    ],
  },
];

/** `onNavigate` runs as a link is followed, in the same update as the route change. */
export function AppNav({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  return (
    <nav id="main-nav" className="app-nav" aria-label="Main">
      {mainNav.map((section) => {
        const items = section.items.filter((item) => item.shownTo?.(role) ?? true);
        if (items.length === 0) return null;
        const headingId = `nav-${section.title.toLowerCase()}`;
        return (
          <div key={section.title} className="app-nav__section">
            <p className="app-nav__title" id={headingId}>
              {section.title}
            </p>
            <ul className="nav-list" aria-labelledby={headingId}>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink className="nav-link" to={item.to} onClick={onNavigate}>
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
