import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useProjectStore } from './store/project';
import {
  exportProject,
  exportSql,
  importFile,
  newFromExample,
  newProject,
  openProject,
  removeProject,
  renameProject,
  useProjectsStore,
} from './project/projects';

export function ProjectMenu() {
  const { id, name } = useProjectStore(useShallow((s) => ({ id: s.id, name: s.name })));
  const { list, saving, ready } = useProjectsStore(useShallow((s) => ({ list: s.list, saving: s.saving, ready: s.ready })));
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(name);
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const act = (fn: () => unknown) => () => {
    setOpen(false);
    void fn();
  };

  return (
    <div className="project-menu" ref={root}>
      {renaming ? (
        <input
          className="project-rename"
          data-testid="project.renameInput"
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            renameProject(draft);
            setRenaming(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape') setRenaming(false);
          }}
        />
      ) : (
        <button className="project-name" data-testid="project.menu" onClick={() => setOpen((o) => !o)} title="Projects">
          <span data-testid="project.name">{name}</span>
          <span className="caret">▾</span>
          <span className={`save-dot ${saving ? 'saving' : ready ? 'saved' : ''}`} title={saving ? 'Saving…' : 'Saved in this browser'} data-testid="project.saved" />
        </button>
      )}
      {open && (
        <div className="menu" role="menu" data-testid="project.dropdown">
          <div className="menu-title">Projects in this browser</div>
          {list.map((p) => (
            <div key={p.id} className={`menu-row ${p.id === id ? 'on' : ''}`}>
              <button className="menu-item grow" role="menuitem" data-testid="project.open" onClick={act(() => openProject(p.id))}>
                {p.id === id ? '● ' : ''}
                {p.name}
                <span className="muted small"> · {new Date(p.updatedAt).toLocaleString()}</span>
              </button>
              <button className="menu-item icon" title={`Delete ${p.name}`} data-testid="project.delete" onClick={act(() => removeProject(p.id))}>
                ✕
              </button>
            </div>
          ))}
          <div className="menu-sep" />
          <button className="menu-item" role="menuitem" data-testid="project.new" onClick={act(newProject)}>
            New empty project
          </button>
          <button className="menu-item" role="menuitem" onClick={act(newFromExample)}>
            New from the orders example
          </button>
          <button
            className="menu-item"
            role="menuitem"
            data-testid="project.rename"
            onClick={() => {
              setOpen(false);
              setDraft(name);
              setRenaming(true);
            }}
          >
            Rename…
          </button>
          <div className="menu-sep" />
          <button className="menu-item" role="menuitem" data-testid="project.import" onClick={() => fileInput.current?.click()}>
            Import .sql or project file…
          </button>
          <button className="menu-item" role="menuitem" data-testid="project.exportSql" onClick={act(exportSql)}>
            Export script (.sql)
          </button>
          <button className="menu-item" role="menuitem" data-testid="project.exportProject" onClick={act(exportProject)}>
            Export project with layout (.freshet.json)
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".sql,.json"
        hidden
        data-testid="project.file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          setOpen(false);
          if (f) void importFile(f);
        }}
      />
    </div>
  );
}
