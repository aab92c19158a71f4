import type { ReactNode } from 'react';

type PermittedButtonProps = {
  /** Whether the person may do it (the server's rule, as permissions.ts mirrors it). */
  allowed: boolean;
  /** The element that says why not, shown next to the button when not allowed. */
  whyId: string;
  className: string;
  onClick: () => void;
  children: ReactNode;
};

/**
 * A button a permission may refuse: then disabled, dimmed and described by the sentence saying
 * why, rather than a button that answers 403 after the form is filled in.
 */
export function PermittedButton({ allowed, whyId, className, onClick, children }: PermittedButtonProps) {
  return (
    <button
      type="button"
      className={allowed ? className : `${className} button--unavailable`}
      disabled={!allowed}
      aria-describedby={allowed ? undefined : whyId}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
