import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';

export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="status" role="status">
      {children}
    </p>
  );
}

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const message =
    error instanceof ApiError
      ? error.message
      : 'Something went wrong. Please reload the page and try again.';
  return (
    <div className="status status--error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {message}
    </div>
  );
}

type EmptyStateProps = {
  /** What is missing, in a few words ("No playbooks yet"). */
  title?: ReactNode;
  /** What to do next. */
  children: ReactNode;
  action?: ReactNode;
};

/** Shown instead of an empty list: says why it is empty and what to do next. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state">
      {title ? <p className="empty-state__title">{title}</p> : null}
      <p className="status--empty">{children}</p>
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
