import { Suspense, lazy, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BottomTab } from '../store/ui';
import { useCompileStore, useUiStore } from '../studio/context';
import { Problems } from './Problems';
import { Metrics } from './Metrics';
import { DataTab } from './DataTab';
import { SnapshotsTab } from '../lake/SnapshotsTab';
import { JobsTab } from '../jobs/JobsTab';
import { CompareTab } from '../compare/CompareTab';
import { RepairTab } from '../repair/RepairTab';

// Monaco (script editor, query editor) and DuckDB-wasm load on demand, after the shell paints.
const EditorTab = lazy(() => import('./EditorTab'));
const QueryConsole = lazy(() => import('../query/QueryConsole'));

function Loading({ what }: { what: string }) {
  return (
    <div className="empty muted" data-testid="panel.loading">
      Loading {what}…
    </div>
  );
}

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'editor', label: 'Editor' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'compare', label: 'Compare' },
  { id: 'data', label: 'Data' },
  { id: 'snapshots', label: 'Snapshots' },
  { id: 'query', label: 'Query' },
  { id: 'repair', label: 'Repair' },
  { id: 'problems', label: 'Problems' },
];

export function BottomPanel() {
  const { tab, setTab } = useUiStore(useShallow((s) => ({ tab: s.bottomTab, setTab: s.setBottomTab })));
  const counts = useCompileStore(
    useShallow((s) => ({
      errors: s.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: s.diagnostics.filter((d) => d.severity === 'warning').length,
    })),
  );
  // The query console mounts on first visit and then stays mounted (its editor keeps its state).
  const [queryOpened, setQueryOpened] = useState(tab === 'query');
  if (tab === 'query' && !queryOpened) setQueryOpened(true);
  // `nokey`: React Flow ignores keys typed in here. Its Space-to-pan swallowed every space typed
  // into Monaco, whose EditContext input it does not recognise as a text field.
  return (
    <section className="bottom-panel nokey">
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={`tab ${tab === t.id ? 'on' : ''}`}
            data-testid={`panel.tab.${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'problems' && counts.errors + counts.warnings > 0 && (
              <span className={`count ${counts.errors ? 'error' : 'warning'}`} data-testid="panel.problems.count">
                {counts.errors + counts.warnings}
              </span>
            )}
          </button>
        ))}
      </nav>
      {/* Every tab stays mounted so Monaco keeps its model, cursor and undo stack. */}
      <div className="tab-body" hidden={tab !== 'editor'}>
        <Suspense fallback={<Loading what="the editor" />}>
          <EditorTab />
        </Suspense>
      </div>
      <div className="tab-body" hidden={tab !== 'metrics'}>
        <Metrics visible={tab === 'metrics'} />
      </div>
      <div className="tab-body" hidden={tab !== 'jobs'}>
        <JobsTab visible={tab === 'jobs'} />
      </div>
      <div className="tab-body" hidden={tab !== 'compare'}>
        <CompareTab visible={tab === 'compare'} />
      </div>
      <div className="tab-body" hidden={tab !== 'data'}>
        <DataTab visible={tab === 'data'} />
      </div>
      <div className="tab-body" hidden={tab !== 'snapshots'}>
        <SnapshotsTab visible={tab === 'snapshots'} />
      </div>
      <div className="tab-body" hidden={tab !== 'query'}>
        {queryOpened && (
          <Suspense fallback={<Loading what="the query console" />}>
            <QueryConsole />
          </Suspense>
        )}
      </div>
      <div className="tab-body" hidden={tab !== 'repair'}>
        <RepairTab visible={tab === 'repair'} />
      </div>
      <div className="tab-body scroll" hidden={tab !== 'problems'}>
        <Problems />
      </div>
    </section>
  );
}
