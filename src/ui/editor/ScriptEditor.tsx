// The Editor tab: the whole-script editor and, when a job is open, the per-job editor, as two
// editor tabs. Both stay mounted while open so each keeps its model, cursor and undo stack.
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorTabs, useProjectStore, useStudio } from '../studio/context';
import type { Studio } from '../studio/createStudio';
import { CodeEditor } from './CodeEditor';
import { registerLanguageServices } from './languageServices';
import { bindHistoryKeys } from './historyKeys';
import { JobEditor } from './JobEditor';
import { runSimCommand, SIM_SHORTCUTS } from '../simShortcuts';
import { monaco } from './monaco';
import './editor.css';

function onScriptEditorMount(studio: Studio, ed: monaco.editor.IStandaloneCodeEditor): void {
  studio.editors.registerScriptEditor(ed);
  bindHistoryKeys(ed, studio.history);
  // Listed in the F1 command palette; the keys themselves are the studio's (App.tsx), not Monaco's.
  // Format Document is Ctrl+Shift+I on Linux in Monaco (as in VS Code); Shift+Alt+F everywhere too.
  ed.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void ed.getAction('editor.action.formatDocument')?.run());
  for (const s of SIM_SHORTCUTS) ed.addAction({ id: `freshet.sim.${s.command}`, label: `${s.label} (${s.keys})`, run: () => runSimCommand(studio, s.command) });
  ed.onDidChangeModelContent((e) => {
    if (!e.isUndoing && !e.isRedoing && !e.isFlush) studio.history.onTextEdited();
    if (e.isFlush) studio.history.clear(); // a project was loaded: the undo stack starts over
  });
  // Something moved the script editor's cursor on purpose (a problem, "Show in editor", a new
  // connection): show the script editor if the job editor was in front.
  ed.onDidChangeCursorSelection((e) => {
    const tabs = studio.editorTabs.getState();
    if (e.source === 'api' && tabs.tab !== 'script') tabs.showScript();
  });
}

export function ScriptEditor() {
  const studio = useStudio();
  registerLanguageServices(studio);
  const onMount = useCallback((ed: monaco.editor.IStandaloneCodeEditor) => onScriptEditorMount(studio, ed), [studio]);
  const { script, revision, origin, setScript, fileName } = useProjectStore(
    useShallow((s) => ({ script: s.script, revision: s.revision, origin: s.origin, setScript: s.setScript, fileName: s.fileName })),
  );
  const { tab, jobId, opened, showScript, showJob, closeJob } = useEditorTabs(
    useShallow((s) => ({ tab: s.tab, jobId: s.jobId, opened: s.opened, showScript: s.showScript, showJob: s.showJob, closeJob: s.closeJob })),
  );
  const onChange = useCallback((v: string) => setScript(v, 'editor'), [setScript]);
  return (
    <div className="editor-area">
      <nav className="editor-tabs" role="tablist" aria-label="Editors">
        <button role="tab" aria-selected={tab === 'script'} className={`editor-tab ${tab === 'script' ? 'on' : ''}`} data-testid="editor.tab.script" onClick={showScript}>
          {fileName}
        </button>
        {jobId && (
          <span role="tab" aria-selected={tab === 'job'} className={`editor-tab ${tab === 'job' ? 'on' : ''}`} data-testid="editor.tab.job">
            <button className="editor-tab-open" onClick={showJob}>
              ⚙ {jobId}
            </button>
            <button className="editor-tab-close" data-testid="editor.tab.job.close" onClick={closeJob} title="Close" aria-label="Close the job editor">
              ×
            </button>
          </span>
        )}
      </nav>
      <div className="editor-pane" hidden={tab !== 'script'}>
        <CodeEditor
          testId="editor.script"
          value={script}
          externalRevision={revision}
          applyMode={origin === 'load' ? 'reset' : origin === 'job' ? 'merge' : 'edit'}
          onChange={onChange}
          onMount={onMount}
        />
      </div>
      {jobId && (
        <div className="editor-pane" hidden={tab !== 'job'}>
          <JobEditor jobId={jobId} opened={opened} />
        </div>
      )}
    </div>
  );
}
