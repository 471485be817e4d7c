// Renders the current in-app dialog as a modal <dialog>: focus stays inside, Escape cancels,
// Enter on the focused button answers.
import { useEffect, useRef } from 'react';
import { useDialogStore } from '../studio/context';

export function DialogHost() {
  const current = useDialogStore((s) => s.current);
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const okRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d || !current) return;
    if (!d.open) d.showModal();
    // A destructive action starts on Cancel, so Enter does not delete by accident.
    (current.danger ? cancelRef.current : okRef.current)?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [current]);

  if (!current) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog ${current.danger ? 'danger' : ''}`}
      data-testid="dialog"
      aria-labelledby="dialog-title"
      aria-describedby="dialog-body"
      onCancel={(e) => {
        e.preventDefault();
        current.resolve(false);
      }}
    >
      <h2 id="dialog-title" className="dialog-title" data-testid="dialog.title">
        {current.title}
      </h2>
      <p id="dialog-body" className="dialog-body" data-testid="dialog.body">
        {current.body}
      </p>
      <div className="dialog-actions">
        {current.kind === 'confirm' && (
          <button ref={cancelRef} className="btn" data-testid="dialog.cancel" onClick={() => current.resolve(false)}>
            Cancel
          </button>
        )}
        <button ref={okRef} className={`btn ${current.danger ? 'danger' : 'primary'}`} data-testid="dialog.confirm" onClick={() => current.resolve(true)}>
          {current.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
