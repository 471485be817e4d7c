// A studio for behaviour tests, as tldraw's TestEditor: the real stores and actions of
// createStudio over the REAL engine, called in this process instead of through a worker. Only the
// edges are stood in: Monaco (a script model with an undo stack, as the script editor keeps it),
// IndexedDB (projects in a Map), DuckDB (no queries), and the play loop's wall clock (moved by
// hand, so a run takes no real time and is the same every time).
import type { Node } from '@xyflow/react';
import * as engineApi from '../../engine/index';
import type { Layer, MetricsSnapshot, PipelineGraph } from '../../engine/index';
import { EngineHost } from '../../workers/engineHost';
import type { HostClock } from '../../workers/playLoop';
import type { Speed } from '../../workers/protocol';
import { inProcessEngine } from '../engine/client';
import { createStudio, type Studio } from '../studio/createStudio';
import { buildModel, layerOverrides } from '../canvas/graph';
import { canvasNodes } from '../canvas/canvasNodes';
import type { DeleteAnswer, DeleteQuestion } from '../canvas/canvasStore';
import type { PaletteConnector } from '../project/templates';
import type { ProjectStorage, StoredProject } from '../project/storage';
import type { NodePosition } from '../store/project';
import { EXAMPLE_SCRIPT } from '../project/example';
import type { monaco } from '../editor/monaco';

/** The play loop's wall clock: stands still until the test moves it; deferred slices run on a tick. */
export class ManualClock implements HostClock {
  private t = 0;
  private queue: (() => void)[] = [];
  private timed: { at: number; fn: () => void }[] = [];
  now = () => this.t;
  defer = (fn: () => void) => void this.queue.push(fn);
  /** Runs `fn` once wall time has moved `ms` on (the stores' refresh throttle). */
  later = (fn: () => void, ms: number) => void this.timed.push({ at: this.t + ms, fn });
  /** Moves wall time by `ms` and runs what was deferred until now. */
  tick(ms: number): void {
    this.t += ms;
    for (const fn of this.queue.splice(0)) fn();
    const due = this.timed.filter((x) => x.at <= this.t);
    this.timed = this.timed.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
  }
  get pending(): number {
    return this.queue.length;
  }
}

/**
 * Monaco's script model as the studio uses it: the text, an undo stack whose alternative version
 * ids come back on undo, and content-change events. A change from the canvas (or a load) is applied
 * to it as the script editor applies it; undo and redo write the text back as the editor does.
 */
class ScriptModelStandIn {
  readonly id = 'script-model';
  readonly uri = { toString: () => 'inmemory://script' };
  private versions: { id: number; text: string }[];
  private at = 0;
  private nextId = 1;
  private listeners = new Set<() => void>();

  constructor(
    text: string,
    private readonly onUndoRedo: (text: string) => void,
  ) {
    this.versions = [{ id: 0, text }];
  }

  getValue(): string {
    return this.versions[this.at]!.text;
  }
  getAlternativeVersionId(): number {
    return this.versions[this.at]!.id;
  }
  /** A new edit: ends the redo chain, as Monaco's does. */
  edit(text: string): void {
    if (text === this.getValue()) return;
    this.versions = this.versions.slice(0, this.at + 1);
    this.versions.push({ id: this.nextId++, text });
    this.at++;
    this.changed();
  }
  /** A project was loaded: the undo stack starts over. */
  reset(text: string): void {
    this.versions = [{ id: this.nextId++, text }];
    this.at = 0;
    this.changed();
  }
  undo(): void {
    if (this.at === 0) return;
    this.at--;
    this.changed();
    this.onUndoRedo(this.getValue());
  }
  redo(): void {
    if (this.at === this.versions.length - 1) return;
    this.at++;
    this.changed();
    this.onUndoRedo(this.getValue());
  }
  getPositionAt(offset: number): { lineNumber: number; column: number } {
    const before = this.getValue().slice(0, offset).split('\n');
    return { lineNumber: before.length, column: before.at(-1)!.length + 1 };
  }
  onDidChangeContent(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** Projects in a Map instead of IndexedDB. */
function memoryStorage(): ProjectStorage {
  const projects = new Map<string, StoredProject>();
  let current: string | null = null;
  let n = 0;
  return {
    listProjects: async () => [...projects.values()].map(({ id, name, updatedAt }) => ({ id, name, updatedAt })).sort((a, b) => b.updatedAt - a.updatedAt),
    loadProject: async (id) => projects.get(id) ?? null,
    saveProject: async (p) => void (projects.set(p.id, p), (current = p.id)),
    deleteProject: async (id) => void projects.delete(id),
    currentProjectId: async () => current,
    newProjectId: () => `p-${++n}`,
  };
}

/** Lets promise callbacks (the in-process engine's replies, store updates) run. */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export interface TestStudioOptions {
  /** The script to open (default: the bundled example). */
  script?: string;
  positions?: Record<string, NodePosition>;
  fileName?: string;
}

export class TestStudio {
  readonly studio: Studio;
  readonly clock = new ManualClock();
  /** The script editor's selection after the last edit that selects (add, connect), as offsets. */
  selection: { offset: number; length: number } | null = null;
  /** The delete dialog's questions, oldest first. */
  readonly questions: DeleteQuestion[] = [];
  /** How the next delete dialog is answered. */
  private nextAnswer: DeleteAnswer = { ok: true, alsoReaders: false };
  private readonly model: ScriptModelStandIn;

  private constructor(options: TestStudioOptions) {
    const host = new EngineHost(engineApi, this.clock);
    this.studio = createStudio({
      engine: inProcessEngine(host),
      // Run B of a comparison: a second engine on the same wall clock.
      compareEngine: inProcessEngine(new EngineHost(engineApi, this.clock)),
      storage: memoryStorage(),
      runQuery: () => Promise.reject(new Error('no DuckDB in TestStudio')),
      // The stores refresh on the same manual wall clock as the play loops: no real time.
      refreshClock: this.clock,
    });
    const { project, history, editors, canvas } = this.studio;
    this.model = new ScriptModelStandIn('', (text) => project.getState().setScript(text, 'editor'));
    const model = this.model;
    editors.registerScriptEditor({
      getModel: () => model,
      onDidDispose: () => ({ dispose() {} }),
      setSelection: (s: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }) => {
        this.selection = this.offsetsOf(s);
      },
      revealRangeInCenterIfOutsideViewport: () => {},
      focus: () => {},
    } as unknown as monaco.editor.IStandaloneCodeEditor);
    // What the script editor does with a change made elsewhere: a load replaces the model (and
    // the history starts over); anything else is one undoable edit.
    project.subscribe((s, prev) => {
      if (s.script === prev.script && s.revision === prev.revision) return;
      if (s.origin === 'load') {
        model.reset(s.script);
        history.clear();
      } else if (s.origin !== 'editor') {
        model.edit(s.script);
        history.onTextEdited();
      }
    });
    // The delete dialog answers itself as the test said.
    canvas.subscribe((s) => {
      const q = s.question;
      if (!q || this.questions.includes(q)) return;
      this.questions.push(q);
      const answer = this.nextAnswer;
      this.nextAnswer = { ok: true, alsoReaders: false };
      queueMicrotask(() => q.answer(answer));
    });
    project.getState().load({
      id: 'test',
      name: 'Test',
      fileName: options.fileName ?? 'test.sql',
      script: options.script ?? EXAMPLE_SCRIPT,
      positions: options.positions ?? {},
    });
  }

  /** A studio with a script open and compiled. */
  static async create(options: TestStudioOptions = {}): Promise<TestStudio> {
    const t = new TestStudio(options);
    await t.settle();
    return t;
  }

  // ---- what the user sees --------------------------------------------------------------------

  get script(): string {
    return this.studio.project.getState().script;
  }
  get pipeline(): PipelineGraph {
    const p = this.studio.compile.getState().pipeline;
    if (!p) throw new Error('the script has not compiled');
    return p;
  }
  get tableNames(): string[] {
    return this.pipeline.tables.map((t) => t.name);
  }
  get errors(): string[] {
    return this.studio.compile.getState().diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  }
  get toast(): string | null {
    return this.studio.ui.getState().toast?.text ?? null;
  }
  get selected() {
    return this.studio.ui.getState().selection;
  }
  /** The canvas's React Flow nodes, as the canvas builds them (lanes, tables, jobs; no auto-layout). */
  canvasNodes(): Node[] {
    const positions = this.studio.project.getState().positions;
    const model = buildModel(this.pipeline, layerOverrides(positions));
    return canvasNodes(model, { positions, auto: {}, dragging: {}, selection: this.selected, measured: {} }).nodes;
  }
  /** Node ids of one kind: `table:ods_orders`, `job:job-1`. */
  nodeIds(type: 'table' | 'job' | 'lane'): string[] {
    return this.canvasNodes()
      .filter((n) => n.type === type)
      .map((n) => n.id);
  }
  get sim() {
    return this.studio.sim.getState();
  }
  get metrics(): MetricsSnapshot | null {
    return this.sim.latest;
  }
  /** Rows a table holds in the latest metrics. */
  rowsOf(table: string): number | undefined {
    return this.metrics?.tables.find((t) => t.name === table)?.rows;
  }

  // ---- what the user does --------------------------------------------------------------------

  /** Palette: a table of `connector` in `layer`. Resolves with its name. */
  async addTable(connector: PaletteConnector, layer: Exclude<Layer, 'OTHER'>): Promise<string> {
    const name = await this.studio.actions.addTable(layer, connector);
    await this.settle();
    if (!name) throw new Error(`could not add a ${connector} table: ${this.toast}`);
    return name;
  }
  /** Drag from one table's handle to another's. */
  async connect(source: string, target: string): Promise<this> {
    await this.studio.actions.connectTables(source, target);
    await this.settle();
    return this;
  }
  /** F2 on a table, a new name, Enter. Resolves with the error sentence, or null. */
  async rename(from: string, to: string): Promise<string | null> {
    const error = await this.studio.actions.renameTable(from, to);
    await this.settle();
    return error;
  }
  select(selection: { kind: 'table'; name: string } | { kind: 'job'; id: string } | null): this {
    this.studio.ui.getState().select(selection);
    return this;
  }
  /** Select a table and press Delete; a delete dialog, if one opens, gets `answer` (default: Delete). */
  async deleteTable(name: string, answer: DeleteAnswer = { ok: true, alsoReaders: false }): Promise<this> {
    this.nextAnswer = answer;
    this.select({ kind: 'table', name });
    await this.studio.actions.deleteSelection();
    this.nextAnswer = { ok: true, alsoReaders: false };
    await this.settle();
    return this;
  }
  async deleteJob(id: string): Promise<this> {
    this.select({ kind: 'job', id });
    await this.studio.actions.deleteSelection();
    await this.settle();
    return this;
  }
  /** Typing in the script editor: the text becomes the script as one undoable edit. */
  async type(script: string): Promise<this> {
    this.model.edit(script);
    this.studio.history.onTextEdited();
    this.studio.project.getState().setScript(script, 'editor');
    await this.settle();
    return this;
  }
  async undo(): Promise<this> {
    this.studio.history.undo();
    await this.settle();
    return this;
  }
  async redo(): Promise<this> {
    this.studio.history.redo();
    await this.settle();
    return this;
  }

  /**
   * Play for `duration` of virtual time (the toolbar's run-for box) at `speed`, and let it run to
   * its end: wall time moves by 100 ms a tick until the play loop stops.
   */
  async play(duration: string, speed: Speed = 'max'): Promise<this> {
    const sim = this.studio.sim.getState();
    sim.setRunFor(duration);
    sim.setSpeed(speed);
    await this.studio.sim.getState().play();
    await settleMicrotasks();
    for (let i = 0; i < 10_000 && this.sim.playing; i++) await this.wall(100);
    if (this.sim.playing) throw new Error(`still playing after ${duration}`);
    return this;
  }
  /** Play with no run-for limit; the loop runs as wall time moves (see wall). */
  async start(speed: Speed): Promise<this> {
    this.studio.sim.getState().setRunFor('');
    this.studio.sim.getState().setSpeed(speed);
    await this.studio.sim.getState().play();
    await settleMicrotasks();
    return this;
  }
  /** Moves the play loop's wall clock by `ms`. */
  async wall(ms: number): Promise<this> {
    this.clock.tick(ms);
    await settleMicrotasks();
    return this;
  }
  async pause(): Promise<this> {
    await this.studio.sim.getState().pause();
    await settleMicrotasks();
    return this;
  }
  async step(): Promise<this> {
    await this.studio.sim.getState().step();
    await settleMicrotasks();
    return this;
  }
  async reset(): Promise<this> {
    await this.studio.sim.getState().reset();
    await settleMicrotasks();
    return this;
  }

  /** Engine replies and the compile the views run 250 ms after a change, done now. */
  async settle(): Promise<void> {
    await settleMicrotasks();
    const { project, compile } = this.studio;
    if (compile.getState().revision !== project.getState().revision) await this.studio.compileNow();
    await settleMicrotasks();
  }

  private offsetsOf(s: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }) {
    const lines = this.model.getValue().split('\n');
    const at = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    const offset = at(s.startLineNumber, s.startColumn);
    return { offset, length: at(s.endLineNumber, s.endColumn) - offset };
  }
}
