// The project switcher in the toolbar: projects in this browser, new, rename, delete, import and
// export. A menu button in the WAI-ARIA pattern: Enter/Space/ArrowDown open it, arrows move,
// Escape closes and gives focus back. Ctrl+S saves at once (it autosaves anyway).
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useProjectStore, useProjectsStore, useStudio } from './studio/context';
import { DialogHost } from './project/DialogHost';

function ago(ms: number): string {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleDateString();
}

function useSaveShortcut(saveShortcut: () => Promise<void>) {
  useEffect(() => {
    // Capture phase, so it works inside Monaco and inputs too, and the browser's own
    // "Save page" dialog never opens.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        e.stopPropagation();
        void saveShortcut();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [saveShortcut]);
}

export function ProjectMenu() {
  const studio = useStudio();
  const { exportProject, exportSql, importFile, newFromCsvExample, newFromExample, newFromLakeExample, newProject, openProject, removeProject, renameProject, saveShortcut } = useStudio().projects;
  const { id, name } = useProjectStore(useShallow((s) => ({ id: s.id, name: s.name })));
  const { list, saving, ready, saveError } = useProjectsStore(
    useShallow((s) => ({ list: s.list, saving: s.saving, ready: s.ready, saveError: s.saveError })),
  );
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(name);
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useSaveShortcut(saveShortcut);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    // Focus the open project's entry (or the first item) when the menu opens.
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    (menu.current?.querySelector<HTMLElement>('[role="menuitem"][aria-current="true"]') ?? items?.[0])?.focus();
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const act = (fn: () => unknown) => () => {
    close();
    void fn();
  };
  const startRename = () => {
    setOpen(false);
    setDraft(name);
    setRenaming(true);
  };

  const onMenuKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(at - 1);
        break;
      case 'Home':
        e.preventDefault();
        move(0);
        break;
      case 'End':
        e.preventDefault();
        move(items.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        close();
        break;
      case 'Tab':
        close(false);
        break;
      case 'Delete': {
        // Delete on a project entry deletes that project (after the confirmation dialog).
        const pid = (document.activeElement as HTMLElement | null)?.dataset.projectId;
        if (pid) {
          e.preventDefault();
          act(() => removeProject(pid))();
        }
        break;
      }
      case 'F2':
        e.preventDefault();
        startRename();
        break;
    }
  };

  const saveLabel = saveError ? 'not saved' : saving ? 'saving…' : ready ? 'saved' : '';
  return (
    <div className="project-menu" ref={root}>
      {renaming ? (
        <input
          className="project-rename"
          data-testid="project.renameInput"
          aria-label="Project name"
          autoFocus
          value={draft}
          maxLength={120}
          onFocus={(e) => e.target.select()}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            void renameProject(draft);
            setRenaming(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape') {
              setDraft(name);
              setRenaming(false);
              requestAnimationFrame(() => button.current?.focus());
            }
          }}
        />
      ) : (
        <button
          ref={button}
          className="project-name"
          data-testid="project.menu"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls="project-dropdown"
          onClick={() => setOpen((o) => !o)}
          onDoubleClick={startRename}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && !open) {
              e.preventDefault();
              setOpen(true);
            } else if (e.key === 'F2') {
              e.preventDefault();
              startRename();
            }
          }}
          title="Projects: open, rename, delete, import, export (double-click or F2 renames)"
        >
          <span className="project-label">project</span>
          <span data-testid="project.name">{name}</span>
          <span className="caret" aria-hidden>
            ▾
          </span>
        </button>
      )}
      <span
        className={`save-state ${saveError ? 'error' : saving ? 'saving' : 'saved'}`}
        data-testid="project.saved"
        role="status"
        title={saveError ? `Not saved: ${saveError}` : 'Every change is saved in this browser (IndexedDB). Ctrl+S saves at once.'}
      >
        <span className="save-dot" aria-hidden />
        <span className="save-label">{saveLabel}</span>
      </span>
      {open && (
        <div className="menu" role="menu" id="project-dropdown" aria-label="Projects" data-testid="project.dropdown" ref={menu} onKeyDown={onMenuKey}>
          <div className="menu-title">Projects in this browser ({list.length})</div>
          <div className="menu-projects">
            {list.map((p) => (
              <div key={p.id} className={`menu-row ${p.id === id ? 'on' : ''}`} data-testid="project.row" data-name={p.name}>
                <button
                  className="menu-item grow"
                  role="menuitem"
                  tabIndex={-1}
                  aria-current={p.id === id}
                  data-project-id={p.id}
                  data-testid="project.open"
                  onClick={act(() => openProject(p.id))}
                  title={p.id === id ? `${p.name} (open)` : `Open ${p.name}`}
                >
                  <span className="menu-check" aria-hidden>
                    {p.id === id ? '●' : ''}
                  </span>
                  <span className="menu-project-name">{p.name}</span>
                  <span className="muted small menu-when">{ago(p.updatedAt)}</span>
                </button>
                <button
                  className="menu-item icon"
                  tabIndex={-1}
                  title={`Delete ${p.name}…`}
                  aria-label={`Delete ${p.name}`}
                  data-testid="project.delete"
                  onClick={act(() => removeProject(p.id))}
                >
                  ✕
                </button>
              </div>
            ))}
          </div>
          <div className="menu-sep" role="separator" />
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.new" onClick={act(newProject)}>
            New empty project
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.newExample" onClick={act(newFromExample)}>
            New from the orders example
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.newCsvExample" onClick={act(newFromCsvExample)}>
            New from the CSV example (files attached)
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.newLakeExample" onClick={act(newFromLakeExample)}>
            New from the lake sources example (legacy vs FLIP-27)
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.rename" onClick={startRename}>
            Rename “{name}”…<span className="kbd">F2</span>
          </button>
          <button
            className="menu-item danger"
            role="menuitem"
            tabIndex={-1}
            data-testid="project.deleteCurrent"
            onClick={act(() => removeProject(id))}
          >
            Delete “{name}”…
          </button>
          <div className="menu-sep" role="separator" />
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.versions" onClick={act(() => studio.versions.getState().show())}>
            Versions: save, compare, restore…
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.exportFlink" onClick={act(() => studio.exporter.getState().show())}>
            Export to Flink (report, diff, deploy bundle)…<span className="kbd">Ctrl+Shift+E</span>
          </button>
          <div className="menu-sep" role="separator" />
          <button
            className="menu-item"
            role="menuitem"
            tabIndex={-1}
            data-testid="project.import"
            onClick={() => {
              close(false);
              fileInput.current?.click();
            }}
          >
            Import .sql script or .freshet.json project…
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.exportSql" onClick={act(exportSql)}>
            Export script (.sql)
          </button>
          <button className="menu-item" role="menuitem" tabIndex={-1} data-testid="project.exportProject" onClick={act(exportProject)}>
            Export project with layout (.freshet.json)
          </button>
          <div className="menu-sep" role="separator" />
          <div className="menu-foot muted small">Saved automatically in this browser · Ctrl+S saves now · ↑↓ move · Del deletes · Esc closes</div>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".sql,.json,application/json,application/sql"
        hidden
        data-testid="project.file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      <DialogHost />
    </div>
  );
}
