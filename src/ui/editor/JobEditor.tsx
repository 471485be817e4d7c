// The per-job editor: a Monaco editor over one job's statement (the engine's jobStatementRange).
// Typing writes back into the script through the engine's replaceStatement; changes made
// elsewhere (the script editor, the canvas, undo) are mapped onto the statement's range and
// shown here as edits, so the cursor stays. Completion, hover and diagnostics see the whole
// script, offsets shifted by where the statement starts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCompileStore, useEditorTabs, useProjectStore, useStudio } from '../studio/context';
import { CodeEditor } from './CodeEditor';
import { monaco } from './monaco';
import { mapRange, skipSpace, type Range } from './rangeMap';
import { bindHistoryKeys } from './historyKeys';
import type { Diagnostic } from '../../engine/api';

const JOB_KINDS = new Set(['Insert', 'Merge', 'Unknown']);

function markerSeverity(d: Diagnostic): monaco.MarkerSeverity {
  return d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
}

export function JobEditor({ jobId, opened }: { jobId: string; opened: number }) {
  const studio = useStudio();
  const { engine, project } = studio;
  const [doc, setDoc] = useState<{ text: string; rev: number } | null>(null);
  const [gone, setGone] = useState(false);
  const [label, setLabel] = useState(jobId);
  const pipeline = useCompileStore((s) => s.pipeline);
  const diagnostics = useCompileStore((s) => s.diagnostics);
  const compiledRevision = useCompileStore((s) => s.revision);
  const revision = useProjectStore((s) => s.revision);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  /** The statement's range in `base`, the script it was last synced with. */
  const range = useRef<Range | null>(null);
  const base = useRef('');
  const pending = useRef<string | null>(null);
  const writing = useRef(false);

  const show = useCallback((text: string) => {
    setDoc((d) => ({ text, rev: (d?.rev ?? 0) + 1 }));
  }, []);

  /** Follow a change of the script made elsewhere. */
  const resync = useCallback(async () => {
    const script = project.getState().script;
    const r = range.current;
    if (!r || writing.current || script === base.current) return;
    const mapped = mapRange(base.current, script, r);
    const st = await engine.statementAt(script, skipSpace(script, mapped.offset));
    if (project.getState().script !== script || writing.current) return; // a newer change resyncs
    if (!st || !JOB_KINDS.has(st.kind)) {
      range.current = null;
      setGone(true);
      return;
    }
    range.current = { offset: st.offset, length: st.length };
    base.current = script;
    if (editorRef.current?.getModel()?.getValue() !== st.text) show(st.text);
  }, [engine, project, show]);

  // Open the job's statement.
  useEffect(() => {
    let cancelled = false;
    const script = project.getState().script;
    setGone(false);
    setLabel(jobId);
    void engine
      .jobStatementRange(script, jobId)
      .then((st) => {
        if (cancelled) return;
        if (!st) {
          range.current = null;
          setGone(true);
          return;
        }
        range.current = { offset: st.offset, length: st.length };
        base.current = script;
        show(st.text);
        void resync();
      });
    return () => {
      cancelled = true;
    };
  }, [engine, project, jobId, opened, show, resync]);

  useEffect(() => project.subscribe((s, prev) => void (s.script !== prev.script && resync())), [project, resync]);

  /** Write the editor's text back into the script, one replaceStatement at a time, the newest text winning. */
  const flush = useCallback(async () => {
    if (writing.current) return;
    writing.current = true;
    try {
      while (pending.current !== null && range.current) {
        const text = pending.current;
        pending.current = null;
        const script = project.getState().script;
        if (script !== base.current) {
          range.current = mapRange(base.current, script, range.current);
          base.current = script;
        }
        const r = await engine.edit(script, { op: 'replaceStatement', range: range.current, text });
        if (!r.ok) {
          studio.ui.getState().showToast(`Could not write the job back: ${r.message}`, 'error');
          break;
        }
        if (project.getState().script !== script) {
          pending.current ??= text; // the script moved meanwhile: redo on the new one
          continue;
        }
        range.current = r.selection ?? { offset: range.current.offset, length: text.length };
        base.current = r.script;
        project.getState().setScript(r.script, 'job');
      }
    } finally {
      writing.current = false;
    }
    void resync();
  }, [studio, engine, project, resync]);

  const onChange = useCallback(
    (text: string) => {
      pending.current = text;
      void flush();
    },
    [flush],
  );

  const onMount = useCallback((ed: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = ed;
    bindHistoryKeys(ed, studio.history);
    const model = ed.getModel();
    if (!model) return;
    const dispose = studio.editors.registerEmbeddedModel(model, () => {
      const r = range.current;
      if (!r) return null;
      return { prefix: base.current.slice(0, r.offset), suffix: base.current.slice(r.offset + r.length) };
    });
    ed.onDidDispose(dispose);
  }, [studio]);

  // The job's id and sink as the pipeline numbers it now (ids follow statement order).
  useEffect(() => {
    const r = range.current;
    const j = r && pipeline?.jobs.find((x) => x.span.start.offset === r.offset);
    if (j) setLabel(`${j.id} · ${j.name}`);
  }, [pipeline, doc]);

  // Diagnostics inside the statement, as markers of this model.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    const r = range.current;
    if (!model || !r || compiledRevision !== revision || base.current !== project.getState().script) return;
    const end = r.offset + r.length;
    const inside = diagnostics.filter((d) => d.span.start.offset >= r.offset && d.span.start.offset <= end);
    monaco.editor.setModelMarkers(
      model,
      'freshet',
      inside.map((d) => {
        const s = model.getPositionAt(d.span.start.offset - r.offset);
        const e = model.getPositionAt(Math.max(d.span.end.offset, d.span.start.offset + 1) - r.offset);
        return { severity: markerSeverity(d), message: d.message, code: d.code, startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column };
      }),
    );
  }, [project, diagnostics, compiledRevision, revision, doc]);

  const close = useEditorTabs((s) => s.closeJob);
  return (
    <div className="job-editor" data-testid="editor.job">
      <div className="job-editor-bar">
        <span className="job-editor-label" data-testid="editor.job.label">
          {label}
        </span>
        <span className="muted small">Only this job's statement; edits go into the script.</span>
        {gone && (
          <span className="job-editor-gone" data-testid="editor.job.gone">
            This statement is no longer in the script.
          </span>
        )}
        <button className="btn small" onClick={close} title="Close the job editor">
          Close
        </button>
      </div>
      {doc && (
        <div className="job-editor-body">
          <CodeEditor testId="editor.job.code" value={doc.text} externalRevision={doc.rev} onChange={onChange} onMount={onMount} />
        </div>
      )}
    </div>
  );
}
