import { useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Toolbar } from './Toolbar';
import { Palette } from './Palette';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './Inspector';
import { BottomPanel } from './panels/BottomPanel';
import { StatusBar } from './StatusBar';
import { ExportHost } from './export/ExportHost';
import { VersionsHost } from './project/VersionsHost';
import { GuideNote } from './compare/GuideNote';
import { useProjectStore, useStudio } from './studio/context';
import type { Studio } from './studio/createStudio';
import { runSimCommand, simCommandOf } from './simShortcuts';

/** Compile the script 250 ms after the last change (diagnostics, canvas). */
function useCompileOnChange() {
  const script = useProjectStore((s) => s.script);
  const revision = useProjectStore((s) => s.revision);
  const fileName = useProjectStore((s) => s.fileName);
  const compile = useStudio().compile;
  useEffect(() => {
    const t = setTimeout(() => void compile.getState().compile(script, revision, fileName), revision === 0 ? 0 : 250);
    return () => clearTimeout(t);
  }, [compile, script, revision, fileName]);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.monaco-editor'));
}

function useGlobalKeys(studio: Studio) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // F5 / Shift+F5 / F10 drive the simulation from anywhere, the editors included (Monaco binds
      // none of them); F5 would otherwise reload the page.
      const command = simCommandOf(e);
      if (command) {
        e.preventDefault();
        runSimCommand(studio, command);
        return;
      }
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) studio.history.redo();
        else studio.history.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        studio.history.redo();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && studio.ui.getState().selection) {
        e.preventDefault();
        void studio.actions.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio]);
}

/** A handle for tests and the console, like tldraw's editor on window: read and drive the studio. */
function useTestHandle(studio: Studio) {
  useEffect(() => {
    (window as unknown as { freshet: unknown }).freshet = {
      script: () => studio.project.getState().script,
      projectId: () => studio.project.getState().id,
      positions: () => studio.project.getState().positions,
    };
  }, [studio]);
}

export function App() {
  const studio = useStudio();
  useTestHandle(studio);
  useCompileOnChange();
  useGlobalKeys(studio);
  useEffect(() => void studio.projects.init(), [studio]);
  return (
    <div className="app">
      <Toolbar />
      <Group orientation="horizontal" className="main-group">
        <Panel id="pane.palette" defaultSize="13%" minSize={170} maxSize="30%">
          <Palette />
        </Panel>
        <Separator className="sep-v" />
        <Panel id="pane.center" minSize="30%">
          <Group orientation="vertical">
            <Panel id="pane.canvas" defaultSize="60%" minSize="15%" style={{ position: 'relative' }}>
              <Canvas />
              <GuideNote />
            </Panel>
            <Separator className="sep-h" />
            <Panel id="pane.bottom" defaultSize="40%" minSize="12%">
              <BottomPanel />
            </Panel>
          </Group>
        </Panel>
        <Separator className="sep-v" />
        <Panel id="pane.inspector" defaultSize="18%" minSize={200} maxSize="40%">
          <Inspector />
        </Panel>
      </Group>
      <StatusBar />
      <ExportHost />
      <VersionsHost />
    </div>
  );
}
