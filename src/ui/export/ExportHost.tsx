// Mounts the Export dialog when it is open (loaded on demand: it brings Monaco's diff editor) and
// owns its shortcut, Ctrl+Shift+E (Cmd+Shift+E), which works from the editor too.
import { Suspense, lazy, useEffect } from 'react';
import { useExportStore, useStudio } from '../studio/context';
import './toolbar-actions.css';

const ExportDialog = lazy(() => import('./ExportDialog'));

/** True for the Export shortcut. */
export function isExportShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'e';
}

export function ExportHost() {
  const studio = useStudio();
  const open = useExportStore((s) => s.open);
  useEffect(() => {
    // Capture phase, so Monaco does not take the keys first.
    const onKey = (e: KeyboardEvent) => {
      if (!isExportShortcut(e)) return;
      e.preventDefault();
      e.stopPropagation();
      // Not over another modal dialog (Versions, a confirmation): one at a time.
      if (document.querySelector('dialog[open]')) return;
      void studio.exporter.getState().show();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [studio]);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ExportDialog />
    </Suspense>
  );
}

/** The toolbar's Export button. */
export function ExportButton() {
  const studio = useStudio();
  return (
    <button
      type="button"
      className="btn small toolbar-action"
      data-testid="export.open"
      title="Export Flink SQL for a real cluster, with a compatibility report and a deploy bundle (Ctrl+Shift+E)"
      onClick={() => void studio.exporter.getState().show()}
    >
      Export
    </button>
  );
}
