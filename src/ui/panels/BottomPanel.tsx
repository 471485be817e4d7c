import { useShallow } from 'zustand/react/shallow';
import { useUiStore, type BottomTab } from '../store/ui';
import { useCompileStore } from '../store/compile';
import { ScriptEditor } from '../editor/ScriptEditor';
import { QueryConsole } from '../query/QueryConsole';
import { Problems } from './Problems';
import { Metrics } from './Metrics';
import { DataTab } from './DataTab';

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'editor', label: 'Editor' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'data', label: 'Data' },
  { id: 'query', label: 'Query' },
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
  return (
    <section className="bottom-panel">
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
        <ScriptEditor />
      </div>
      <div className="tab-body" hidden={tab !== 'metrics'}>
        <Metrics visible={tab === 'metrics'} />
      </div>
      <div className="tab-body" hidden={tab !== 'data'}>
        <DataTab visible={tab === 'data'} />
      </div>
      <div className="tab-body" hidden={tab !== 'query'}>
        <QueryConsole />
      </div>
      <div className="tab-body scroll" hidden={tab !== 'problems'}>
        <Problems />
      </div>
    </section>
  );
}
