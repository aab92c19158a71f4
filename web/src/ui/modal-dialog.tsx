import { type ReactNode, useEffect, useId, useRef } from 'react';

type ModalDialogProps = {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
};

/**
 * A native modal <dialog>: the browser traps focus, closes it on Escape and returns focus to the
 * button that opened it, so keyboard and screen-reader users get the same form as everyone else.
 */
export function ModalDialog({ title, open, onClose, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" aria-labelledby={titleId} onClose={onClose}>
      {open ? (
        <>
          <div className="modal__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="modal__close" onClick={onClose} aria-label="Close">
              ×
            </button>
          </div>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
