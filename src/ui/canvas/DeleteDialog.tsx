// Asks before deleting a table that holds data or that other statements still read: a modal
// <dialog> listing what goes with it and what would break. Escape cancels; focus starts on Cancel.
import { useEffect, useRef, useState } from 'react';
import { useCanvasStore } from '../studio/context';
import { formatCount } from '../format';

export function DeleteDialog() {
  const q = useCanvasStore((s) => s.question);
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [alsoReaders, setAlsoReaders] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d || !q) return;
    setAlsoReaders(false);
    if (!d.open) d.showModal();
    cancelRef.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [q]);

  if (!q) return null;
  const n = q.readers.length;
  return (
    <dialog
      ref={ref}
      className="delete-dialog"
      data-testid="canvas.delete.dialog"
      aria-labelledby="delete-title"
      onCancel={(e) => {
        e.preventDefault();
        q.answer({ ok: false, alsoReaders: false });
      }}
    >
      <h2 id="delete-title" className="delete-title">
        Delete table <code>{q.table}</code>?
      </h2>
      <p className="delete-line" data-testid="canvas.delete.rows">
        {q.rows > 0 && (
          <>
            It held <b>{formatCount(q.rows)} rows</b> in the last run.{' '}
          </>
        )}
        Its <code>CREATE TABLE</code>
        {q.writers.length > 0 ? ` and the ${q.writers.length === 1 ? 'job' : 'jobs'} writing it (${q.writers.join(', ')})` : ''} will be removed from
        the script; undo (Ctrl+Z) brings {q.writers.length > 0 ? 'them' : 'it'} back.
      </p>
      {n > 0 && (
        <>
          <p className="delete-line warn">
            {n === 1 ? 'This statement still reads it' : `These ${n} statements still read it`} and will show errors until you change them:
          </p>
          <ul className="delete-readers" data-testid="canvas.delete.readers">
            {q.readers.map((r) => (
              <li key={r.range.offset}>
                <code>{r.summary}</code> <span className="muted">line {r.line}</span>
              </li>
            ))}
          </ul>
          <label className="delete-also">
            <input type="checkbox" data-testid="canvas.delete.also" checked={alsoReaders} onChange={(e) => setAlsoReaders(e.target.checked)} />
            Also delete {n === 1 ? 'that statement' : `those ${n} statements`}
          </label>
        </>
      )}
      <div className="delete-actions">
        <button ref={cancelRef} className="btn" data-testid="canvas.delete.cancel" onClick={() => q.answer({ ok: false, alsoReaders: false })}>
          Cancel
        </button>
        <button className="btn danger" data-testid="canvas.delete.confirm" onClick={() => q.answer({ ok: true, alsoReaders })}>
          Delete {q.table}
        </button>
      </div>
    </dialog>
  );
}
