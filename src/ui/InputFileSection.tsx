// A filesystem table's input file in the inspector: attach one (button or drop), see what is
// attached, replace or remove it. The file is kept in the project, keyed by the table's 'path'
// option as written, and the simulation reads it as the runner reads a file next to the script.
import { useRef, useState } from 'react';
import type { TableInfo } from '../engine/api';
import { useProjectStore, useStudio } from './studio/context';
import { formatBytes, formatCount } from './format';

/** The largest file attached in the browser (the project file holds at most 16 MB in all). */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

/** The file's text, or why it cannot be an input file (a sentence). */
export async function readInputFile(file: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_INPUT_FILE_BYTES) {
    return { ok: false, message: `${file.name} is ${formatBytes(file.size)}; an attached file is at most ${formatBytes(MAX_INPUT_FILE_BYTES)}.` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.subarray(0, 4096).includes(0)) return { ok: false, message: `${file.name} is a binary file, not CSV or JSON lines.` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, message: `${file.name} is not UTF-8 text.` };
  }
}

function lineCount(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (i < text.length - 1) n++;
  return n;
}

export function InputFileSection({ t }: { t: TableInfo }) {
  const studio = useStudio();
  const path = Object.entries(t.options).find(([k]) => k.toLowerCase() === 'path')?.[1] ?? null;
  const format = Object.entries(t.options).find(([k]) => k.toLowerCase() === 'format')?.[1] ?? 'csv';
  const text = useProjectStore((s) => (path !== null && Object.prototype.hasOwnProperty.call(s.files, path) ? s.files[path]! : null));
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  if (path === null) return null;

  const apply = async (next: string | null, what: string) => {
    studio.project.getState().setFile(path, next);
    // The loaded simulation read the old file: start over with the new one.
    const restarted = studio.sim.getState().state !== 'empty';
    if (restarted) await studio.sim.getState().reset();
    studio.ui.getState().showToast(`${what}${restarted ? '; the simulation starts over with it' : ''}.`);
  };
  const attach = async (file: File) => {
    const read = await readInputFile(file);
    if (!read.ok) {
      studio.ui.getState().showToast(`${read.message} Nothing was attached.`, 'error');
      return;
    }
    await apply(read.text, `Attached ${file.name} (${formatCount(lineCount(read.text))} lines) as ${path} of ${t.name}`);
  };

  const preview = text === null ? [] : text.split('\n', 4).slice(0, 3);
  return (
    <div data-testid="inspector.file">
      <div className="section-title">Input file</div>
      <div
        className={`file-drop ${over ? 'over' : ''} ${text === null ? 'empty' : ''}`}
        data-testid="inspector.file.drop"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) void attach(f);
        }}
      >
        <div className="file-path">
          <code>{path}</code> <span className="muted small">({format})</span>
        </div>
        {text === null ? (
          <div className="muted small" data-testid="inspector.file.status">
            No file attached: the table reads as empty. Drop a file here or attach one.
          </div>
        ) : (
          <>
            <div className="small" data-testid="inspector.file.status">
              {formatCount(lineCount(text))} lines · {formatBytes(new TextEncoder().encode(text).length)}
            </div>
            <pre className="file-preview" aria-label="First lines of the file">
              {preview.join('\n')}
            </pre>
          </>
        )}
        <div className="file-actions">
          <button className="btn small primary" data-testid="inspector.file.attach" onClick={() => input.current?.click()}>
            {text === null ? 'Attach file…' : 'Replace…'}
          </button>
          {text !== null && (
            <button className="btn small" data-testid="inspector.file.remove" onClick={() => void apply(null, `Removed ${path} from ${t.name}`)}>
              Remove
            </button>
          )}
        </div>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.json,.jsonl,.txt,text/csv,application/json"
        data-testid="inspector.file.input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void attach(f);
        }}
      />
    </div>
  );
}
