import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Styled as dangerous: real consequences (live orders), red frame and title. */
  danger?: boolean;
}

/** A modal yes/no for irreversible actions. "No" has the focus, so a stray Enter does nothing harmful. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, danger = false }: ConfirmDialogProps) {
  const noRef = useRef<HTMLButtonElement>(null);
  // The parent re-renders with live data; keep the latest handler without re-running the effect.
  const cancelRef = useRef(onCancel);
  useLayoutEffect(() => {
    cancelRef.current = onCancel;
  });
  useEffect(() => {
    noRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancelRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div
        className={danger ? 'confirm-dialog is-danger' : 'confirm-dialog'}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        data-testid="confirm-dialog"
        data-danger={danger}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="confirm-title">{title}</h2>
        <div className="confirm-body">{children}</div>
        <div className="confirm-actions">
          <button type="button" ref={noRef} className="btn" data-testid="confirm-no" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" data-testid="confirm-yes" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
