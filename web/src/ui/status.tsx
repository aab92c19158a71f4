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

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}
