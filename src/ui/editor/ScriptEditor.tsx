import { useShallow } from 'zustand/react/shallow';
import { useProjectStore } from '../store/project';
import { CodeEditor } from './CodeEditor';
import { registerScriptEditor } from './editorRegistry';

export function ScriptEditor() {
  const { script, revision, setScript } = useProjectStore(
    useShallow((s) => ({ script: s.script, revision: s.revision, setScript: s.setScript })),
  );
  return (
    <CodeEditor
      testId="editor.script"
      value={script}
      externalRevision={revision}
      onChange={(v) => setScript(v, 'editor')}
      onMount={registerScriptEditor}
    />
  );
}
