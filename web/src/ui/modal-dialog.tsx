import { type ReactNode, useEffect, useRef } from 'react';

type ModalDialogProps = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** A dialog kept in the page can be closed by this; one mounted only while shown leaves it out. */
  open?: boolean;
};

/**
 * A modal on the browser's own <dialog>: it traps focus, closes on Escape and returns focus to what
 * opened it, so keyboard users never get lost behind it.
 */
export function ModalDialog({ open = true, ...props }: ModalDialogProps) {
  return open ? <OpenDialog {...props} /> : null;
}

function OpenDialog({ title, onClose, children, wide = false }: Omit<ModalDialogProps, 'open'>) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal--wide' : 'modal'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
