import { useShallow } from 'zustand/react/shallow';
import { useProjectStore } from '../store/project';
import { CodeEditor } from './CodeEditor';
import { registerScriptEditor } from './editorRegistry';
import { registerLanguageServices } from './languageServices';

registerLanguageServices();

export function ScriptEditor() {
  const { script, revision, origin, setScript } = useProjectStore(
    useShallow((s) => ({ script: s.script, revision: s.revision, origin: s.origin, setScript: s.setScript })),
  );
  return (
    <CodeEditor
      testId="editor.script"
      value={script}
      externalRevision={revision}
      applyMode={origin === 'load' ? 'reset' : 'edit'}
      onChange={(v) => setScript(v, 'editor')}
      onMount={registerScriptEditor}
    />
  );
}
