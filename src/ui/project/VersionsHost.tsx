// Mounts the Versions dialog when it is open (loaded on demand: it brings Monaco's diff editor),
// and the toolbar's Versions button.
import { Suspense, lazy } from 'react';
import { useStudio, useVersionsStore } from '../studio/context';

const VersionsDialog = lazy(() => import('./VersionsDialog'));

export function VersionsHost() {
  const open = useVersionsStore((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <VersionsDialog />
    </Suspense>
  );
}

export function VersionsButton() {
  const studio = useStudio();
  return (
    <button
      type="button"
      className="btn small toolbar-action"
      data-testid="versions.open"
      title="Save a named version of the project, compare any two, restore one"
      onClick={() => void studio.versions.getState().show()}
    >
      Versions
    </button>
  );
}
