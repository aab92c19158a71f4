import { type CSSProperties, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import './notifications.css';
import {
  type Notification,
  useLatestNotifications,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useUnreadNotificationCount,
} from './notifications.api.ts';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday"; older than a week, the date itself. */
function whenText(iso: string): string {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
  if (minutes > -1) return 'just now';
  if (minutes > -60) return relative.format(minutes, 'minute');
  if (minutes > -24 * 60) return relative.format(Math.round(minutes / 60), 'hour');
  if (minutes > -7 * 24 * 60) return relative.format(Math.round(minutes / (24 * 60)), 'day');
  return formatDateTime(iso);
}

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell in the header: the unread count, and a panel of the newest notifications to follow or mark read. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = useUnreadNotificationCount();
  const count = unread.data ?? 0;

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const label = count === 0 ? 'Notifications, none unread' : `Notifications, ${count} unread`;
  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        data-testid="notification-bell"
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon />
        {count > 0 ? (
          <span className="bell__count" aria-hidden="true" data-testid="notification-count">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? <NotificationPanel id={panelId} unread={count} top={button.current?.getBoundingClientRect().bottom ?? 0} onFollow={() => setOpen(false)} /> : null}
    </div>
  );
}

/** `top`: below the bell, where a phone-wide panel is pinned across the screen. */
function NotificationPanel({ id, unread, top, onFollow }: { id: string; unread: number; top: number; onFollow: () => void }) {
  const latest = useLatestNotifications(true);
  const markAll = useMarkAllNotificationsRead();
  const headingId = `${id}-heading`;
  return (
    <section id={id} className="bell__panel" aria-labelledby={headingId} style={{ '--bell-top': `${Math.round(top + 8)}px` } as CSSProperties}>
      <div className="bell__panel-header">
        <h2 id={headingId}>Notifications</h2>
        <button type="button" className="button button--secondary button--small" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all read
        </button>
      </div>
      {latest.isPending ? <Loading>Loading notifications…</Loading> : null}
      {latest.isError ? <ErrorMessage error={latest.error} /> : null}
      {markAll.isError ? <ErrorMessage error={markAll.error} /> : null}
      {latest.data && latest.data.items.length === 0 ? (
        <p className="bell__empty">Nothing yet. You will be told here when work is given to you, a customer you own is unhappy, or an import fails.</p>
      ) : null}
      {latest.data && latest.data.items.length > 0 ? (
        <ul className="bell__list">
          {latest.data.items.map((n) => (
            <NotificationItem key={n.id} notification={n} onFollow={onFollow} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function NotificationItem({ notification: n, onFollow }: { notification: Notification; onFollow: () => void }) {
  const markRead = useMarkNotificationRead();
  const isUnread = n.read_at === null;
  const follow = () => {
    if (isUnread) markRead.mutate(n.id);
    onFollow();
  };
  return (
    <li className={isUnread ? 'bell__item bell__item--unread' : 'bell__item'}>
      <div className="bell__text">
        <Link to={n.link} onClick={follow} className="bell__title">
          {isUnread ? <span className="sr-only">Unread: </span> : null}
          {n.title}
        </Link>
        {n.body ? <p className="bell__body">{n.body}</p> : null}
        <p className="bell__when">
          <time dateTime={n.created_at} title={formatDateTime(n.created_at)}>
            {whenText(n.created_at)}
          </time>
        </p>
      </div>
      {isUnread ? (
        <button type="button" className="bell__mark" disabled={markRead.isPending} onClick={() => markRead.mutate(n.id)} aria-label={`Mark read: ${n.title}`}>
          Mark read
        </button>
      ) : null}
    </li>
  );
}
