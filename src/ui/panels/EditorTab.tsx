// The Editor tab's content, loaded on demand (React.lazy) so Monaco is not in the shell's
// bundle: the script editor plus the diagnostics markers that need Monaco.
import { ScriptEditor } from '../editor/ScriptEditor';
import { useMarkers } from '../editor/markers';

export default function EditorTab() {
  useMarkers();
  return <ScriptEditor />;
}
