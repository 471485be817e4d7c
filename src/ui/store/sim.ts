// The simulation as the studio sees it: play, pause, step and reset against the engine, and the
// updates the engine sends while it runs (buffered to a few refreshes a second).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MetricsSnapshot, SimulationStatus } from '../../engine/api';
import { parseDuration } from '../../engine/index';
import type { LoadResult, SimUpdate, Speed } from '../../workers/protocol';
import type { EngineClient } from '../engine/client';
import type { ProjectStore } from './project';
import type { CompileStore } from './compile';
import type { UiStore } from './ui';
import { formatVirtualTime } from '../format';
import { BROWSER_CLOCK, type RefreshClock } from './refreshClock';

export const SPEEDS: Speed[] = [1, 10, 60, 600, 'max'];

/** History kept for the charts; past this it is halved (every other point), so a long run stays cheap. */
const HISTORY_CAP = 2400;

export function appendHistory(history: MetricsSnapshot[], more: MetricsSnapshot[]): MetricsSnapshot[] {
  if (more.length === 0) return history;
  let next = history.concat(more);
  if (next.length > HISTORY_CAP) next = next.filter((_, i) => i % 2 === 1 || i === next.length - 1);
  return next;
}

export type RunState = 'empty' | SimulationStatus;

export interface SimState {
  state: RunState;
  playing: boolean;
  now: number;
  epochMs: number;
  seed: number;
  speed: Speed;
  /** Run-for duration as typed (`10min`, `2h`), empty for no limit. */
  runFor: string;
  /** Revision of the script the simulation was built from. */
  loadedRevision: number;
  error: string | null;
  /** Every metrics snapshot of the run, oldest first. */
  history: MetricsSnapshot[];
  latest: MetricsSnapshot | null;
  /** Bumped on every update so views can poll table data. */
  tick: number;
  /** Virtual seconds per wall second the run achieves (null when not playing or too early to tell). */
  achievedSpeed: number | null;
}

export interface SimActions {
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  setSpeed(speed: Speed): void;
  setSeed(seed: number): void;
  setRunFor(text: string): void;
  applyUpdate(u: SimUpdate): void;
  /** Forget the run (another project was opened). */
  clear(): Promise<void>;
  /**
   * Schedules a TaskManager failure for `jobId` (every job when null) at the virtual time typed in
   * `at` (`90s`, `2min`; a bare number is seconds; blank: now). Loads the simulation when needed.
   * Returns null when scheduled, else why not (a sentence).
   */
  injectFault(at: string, jobId: string | null): Promise<string | null>;
}

const BARE_NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * The run-for box's duration in ms: the engine's Flink syntax (`90s`, `10min`, `2h`, `1d`,
 * `500ms`), except that a bare number is seconds here, not Flink's ms. Null when blank or invalid.
 */
export function parseRunFor(text: string): number | null {
  const ms = parseDuration(text);
  if (ms === null) return null;
  return BARE_NUMBER.test(text) ? ms * 1000 : ms;
}

export type SimStore = SimState & SimActions;


/** What the simulation store works with: the engine, and the studio's other stores it reads. */
export interface SimStoreDeps {
  engine: EngineClient;
  project: StoreApi<ProjectStore>;
  compile: StoreApi<CompileStore>;
  ui: StoreApi<UiStore>;
  /** Wall time for refresh throttling (TestStudio: the play loops' manual clock). */
  clock?: RefreshClock;
}

export const createSimStore = ({ engine, project: projectStore, compile: compileStore, ui: uiStore, clock = BROWSER_CLOCK }: SimStoreDeps) => createStore<SimStore>()((set, get) => {
  let subscribed: Promise<void> | null = null;
  // Updates that arrived since the store last refreshed (see applyUpdate).
  let lastApplied = 0;
  let pending: MetricsSnapshot[] = [];
  let pendingUpdate: SimUpdate | null = null;
  let flushTimer = false;
  // The input files the loaded simulation read: attaching or removing one reloads it.
  let loadedFiles: Record<string, string> | null = null;

  async function ensureLoaded(force: boolean): Promise<boolean> {
    subscribed ??= engine.subscribe((u) => get().applyUpdate(u));
    await subscribed;
    const project = projectStore.getState();
    if (!force && get().state !== 'empty' && get().loadedRevision === project.revision && loadedFiles === project.files) return true;
    const r: LoadResult = await engine.load(project.script, { seed: get().seed, fileName: project.fileName, files: project.files });
    loadedFiles = project.files;
    if (!r.ok) {
      uiStore.getState().showToast(r.message ?? 'The script cannot run.', 'error');
      set({ error: r.message });
      return false;
    }
    pending = [];
    pendingUpdate = null;
    set({
      state: 'ready',
      playing: false,
      now: r.now ?? 0,
      epochMs: r.epochMs ?? 0,
      loadedRevision: project.revision,
      error: null,
      history: [],
      latest: null,
      tick: get().tick + 1,
    });
    return true;
  }

  return {
    state: 'empty',
    playing: false,
    now: 0,
    epochMs: Date.UTC(2026, 0, 1),
    seed: 42,
    speed: 60,
    runFor: '',
    loadedRevision: -1,
    error: null,
    history: [],
    latest: null,
    tick: 0,
    achievedSpeed: null,
    async play() {
      if (get().playing) return;
      const compiled = compileStore.getState();
      if (!compiled.ok && compiled.revision === projectStore.getState().revision) {
        const first = compiled.diagnostics.find((d) => d.severity === 'error');
        const text = first
          ? `Cannot run: the script has errors (line ${first.span.start.line}: ${first.message})`
          : 'Cannot run: the script has errors.';
        uiStore.getState().showToast(text, 'error');
        set({ error: text });
        return;
      }
      if (compiled.ok && compiled.revision === projectStore.getState().revision && compiled.pipeline?.jobs.length === 0) {
        // Without a job the simulation is finished at once; say why instead of showing "finished".
        uiStore.getState().showToast('Nothing to run: the script has no INSERT INTO. Write one, or drag from a table to another on the canvas.', 'error');
        return;
      }
      if (!(await ensureLoaded(false))) return;
      const runFor = get().runFor.trim() ? parseRunFor(get().runFor) : null;
      set({ playing: true });
      await engine.play(get().speed, runFor);
    },
    async pause() {
      await engine.pause();
      set({ playing: false });
    },
    async step() {
      if (get().playing) return;
      if (!(await ensureLoaded(false))) return;
      const u = await engine.step();
      if (u) get().applyUpdate(u);
    },
    async reset() {
      if (get().state === 'empty') return;
      await engine.pause();
      await ensureLoaded(true);
    },
    setSpeed(speed) {
      set({ speed });
      if (get().playing) void engine.setSpeed(speed);
    },
    setSeed: (seed) => set({ seed }),
    setRunFor: (runFor) => set({ runFor }),
    async clear() {
      if (get().state !== 'empty') await engine.pause();
      set({ state: 'empty', playing: false, now: 0, loadedRevision: -1, error: null, history: [], latest: null, tick: get().tick + 1 });
    },
    async injectFault(at, jobId) {
      const atMs = at.trim() === '' ? null : parseRunFor(at);
      if (at.trim() !== '' && atMs === null) return `'${at.trim()}' is not a virtual time such as 90s or 2min`;
      if (!(await ensureLoaded(false))) return get().error ?? 'The script cannot run.';
      const r = await engine.injectFault(atMs, jobId);
      if (!r.ok) return r.message;
      uiStore.getState().showToast(`TaskManager of ${jobId ?? 'every job'} fails at ${formatVirtualTime(r.atMs)} of virtual time`);
      return null;
    },
    applyUpdate(u) {
      // The studio refreshes at most ~4 times a second while running; snapshots that arrive in
      // between are buffered, the newest state wins.
      pending.push(...u.snapshots);
      const t = clock.now();
      if (u.playing && get().playing && t - lastApplied < 250) {
        pendingUpdate = u;
        if (!flushTimer) {
          flushTimer = true;
          clock.later(() => {
            flushTimer = false;
            if (pendingUpdate) get().applyUpdate({ ...pendingUpdate, snapshots: [] });
          }, 260);
        }
        return;
      }
      pendingUpdate = null;
      lastApplied = t;
      const snapshots = pending.splice(0);
      set((s) => ({
        state: u.status,
        playing: u.playing,
        now: u.now,
        error: u.error,
        history: appendHistory(s.history, snapshots),
        latest: u.latest,
        tick: s.tick + 1,
        achievedSpeed: u.achievedSpeed ?? null,
      }));
    },
  };
});
