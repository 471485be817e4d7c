// Compare two runs: the project's run (A, the simulation store over the studio's engine) and a
// variant (B: the script with one thing changed, or another seed) in a second engine worker. B
// follows A: it plays, pauses, steps and resets when A does, and both advance on one virtual clock
// (each worker's play loop gets a horizon it does not pass: A at most a second of wall time ahead
// of B, B never past A). B's updates are buffered like A's, a few refreshes a second.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MetricsSnapshot } from '../../engine/api';
import type { SimUpdate, Speed } from '../../workers/protocol';
import type { EngineClient } from '../engine/client';
import { appendHistory, parseRunFor, type RunState, type SimStore } from '../store/sim';
import type { ProjectStore } from '../store/project';
import type { UiStore } from '../store/ui';
import { BROWSER_CLOCK, type RefreshClock } from '../store/refreshClock';

/** What B runs: a script and a seed, and what was changed, in a few words. */
export interface Variant {
  label: string;
  script: string;
  seed: number;
}

export interface CompareState {
  /** A variant is set: charts overlay A and B, and B follows A. */
  active: boolean;
  variant: Variant | null;
  /** Run B's state, as the simulation store's for A. */
  state: RunState;
  playing: boolean;
  now: number;
  error: string | null;
  history: MetricsSnapshot[];
  latest: MetricsSnapshot | null;
  /** The variant (script and seed) B's simulation was built from; null before the first load. */
  loaded: Variant | null;
}

export interface CompareActions {
  /** Compares the project's run with `variant` from the start: both runs are reset. */
  start(variant: Variant): Promise<void>;
  /** Free editing of B: the new script (or seed) applies at the next reset or Play from the start. */
  editVariant(change: Partial<Pick<Variant, 'script' | 'seed'>>): void;
  /** Ends the comparison: B stops, the charts show A alone. */
  stop(): Promise<void>;
  applyUpdate(u: SimUpdate): void;
}

export type CompareStore = CompareState & CompareActions;

export interface CompareDeps {
  /** The studio's engine, which runs A (the simulation store drives it; this only sets its horizon). */
  engineA: EngineClient;
  /** The second engine worker, started on the first comparison; null where none can be made. */
  engine: EngineClient | null;
  sim: StoreApi<SimStore>;
  project: StoreApi<ProjectStore>;
  ui: StoreApi<UiStore>;
  /** Wall time for refresh throttling (TestStudio: the play loops' manual clock). */
  clock?: RefreshClock;
}

/** How far (wall ms at the requested speed) A may run ahead of B before it waits. */
const LEAD_WALL_MS = 1000;
/** Speed that stands for 'max' when sizing A's lead. */
const MAX_LEAD_SPEED = 600;

const IDLE: Omit<CompareState, 'active' | 'variant'> = { state: 'empty', playing: false, now: 0, error: null, history: [], latest: null, loaded: null };

function leadMs(speed: Speed): number {
  return (speed === 'max' ? MAX_LEAD_SPEED : speed) * LEAD_WALL_MS;
}

export function createCompareStore({ engineA, engine, sim, project, ui, clock = BROWSER_CLOCK }: CompareDeps): StoreApi<CompareStore> {
  let subscribed: Promise<void> | null = null;
  let lastApplied = 0;
  let pending: MetricsSnapshot[] = [];
  let pendingUpdate: SimUpdate | null = null;
  let flushTimer = false;
  /** Serialises the follow-A work so two store changes never load B twice at once. */
  let chain: Promise<unknown> = Promise.resolve();
  let lastHorizons = { a: NaN, b: NaN };
  let lastSpeed: Speed | null = null;

  const store = createStore<CompareStore>()((set, get) => ({
    active: false,
    variant: null,
    ...IDLE,

    async start(variant) {
      if (!engine) {
        ui.getState().showToast('Comparing needs a second engine worker, which this browser cannot start.', 'error');
        return;
      }
      set({ active: true, variant, ...IDLE });
      // Both from the start, with the same seed unless the variant changes it.
      await sim.getState().pause();
      await sim.getState().reset();
      await follow(() => loadB());
    },

    editVariant(change) {
      const v = get().variant;
      if (!v) return;
      set({ variant: { ...v, ...change, label: v.label.endsWith(' (edited)') ? v.label : `${v.label} (edited)` } });
    },

    async stop() {
      set({ active: false });
      if (engine && get().state !== 'empty') await engine.pause();
      await setHorizons(null, null);
      set({ variant: null, ...IDLE });
    },

    applyUpdate(u) {
      pending.push(...u.snapshots);
      const t = clock.now();
      if (u.playing && t - lastApplied < 250) {
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
      set((s) => ({ state: u.status, playing: u.playing, now: u.now, error: u.error, history: appendHistory(s.history, snapshots), latest: u.latest }));
    },
  }));

  function follow(work: () => Promise<unknown>): Promise<unknown> {
    chain = chain.then(work, work);
    return chain;
  }

  async function setHorizons(a: number | null, b: number | null): Promise<void> {
    if (!engine) return;
    const sameA = a === lastHorizons.a || (a === null && Number.isNaN(lastHorizons.a));
    const sameB = b === lastHorizons.b || (b === null && Number.isNaN(lastHorizons.b));
    lastHorizons = { a: a ?? NaN, b: b ?? NaN };
    if (!sameA) await engineA.setHorizon(a);
    if (!sameB) await engine.setHorizon(b);
  }

  /** Builds B's simulation from the variant; false when it cannot run (the reason is in `error`). */
  async function loadB(): Promise<boolean> {
    const { variant } = store.getState();
    if (!engine || !variant) return false;
    subscribed ??= engine.subscribe((u) => store.getState().applyUpdate(u));
    await subscribed;
    const r = await engine.load(variant.script, { seed: variant.seed, fileName: `variant-${project.getState().fileName}` });
    pending = [];
    pendingUpdate = null;
    if (!r.ok) {
      store.setState({ ...IDLE, error: r.message ?? 'The variant cannot run.', loaded: null });
      return false;
    }
    store.setState({ ...IDLE, state: 'ready', now: r.now ?? 0, loaded: variant });
    return true;
  }

  /** Brings B to where A is: reloads it when A started over, plays it along, or catches it up. */
  async function syncB(): Promise<void> {
    const a = sim.getState();
    const b = store.getState();
    if (!engine || !b.active || !b.variant) return;
    if (a.state === 'empty') return;
    // A started over (reset, a new script, a new seed): so does B, with the variant as edited now.
    // B never passes A's time, so A behind B means A started over; an edited variant waits for A
    // to be at its start.
    const stale = b.loaded === null || a.now < b.now || (b.loaded !== b.variant && a.now === 0);
    if (stale) {
      await engine.pause();
      if (!(await loadB())) return;
    }
    const bNow = store.getState().now;
    if (a.playing) {
      // A run B that stopped for good (failed, finished) no longer holds A back.
      const bDone = store.getState().state === 'failed' || store.getState().state === 'finished';
      await setHorizons(bDone ? null : bNow + leadMs(a.speed), a.now);
      if (!store.getState().playing) {
        const runFor = a.runFor.trim() ? parseRunFor(a.runFor) : null;
        store.setState({ playing: true });
        lastSpeed = a.speed;
        await engine.play(a.speed, runFor === null ? null : Math.max(0, a.now + runFor - bNow));
      } else if (a.speed !== lastSpeed) {
        lastSpeed = a.speed;
        await engine.setSpeed(a.speed);
      }
    } else {
      await setHorizons(null, null);
      // A stopped (pause, step, run-for, finished): B runs to exactly A's virtual time and stops.
      if (store.getState().playing) await engine.pause();
      // B's time after the pause (its final update arrives before the pause's reply): a run-for
      // from an older time would end past A's time, where B would wait at its horizon for good.
      const bAt = store.getState().now;
      if (bAt < a.now && store.getState().state !== 'failed' && store.getState().state !== 'finished') {
        store.setState({ playing: true });
        await engine.setHorizon(a.now);
        lastHorizons.b = a.now;
        await engine.play('max', a.now - bAt);
      }
    }
  }

  // Follow A: every change of A's run (and B's progress, for A's horizon) re-syncs B.
  let queued = false;
  const schedule = () => {
    if (queued || !store.getState().active) return;
    queued = true;
    void follow(async () => {
      queued = false;
      await syncB();
    });
  };
  sim.subscribe((s, prev) => {
    if (s.playing !== prev.playing || s.now !== prev.now || s.state !== prev.state || s.speed !== prev.speed || s.loadedRevision !== prev.loadedRevision) schedule();
  });
  store.subscribe((s, prev) => {
    // B's progress moves A's horizon; B finishing or failing (possibly at a time it already
    // reported) releases A.
    if ((s.now !== prev.now || s.state !== prev.state) && sim.getState().playing) schedule();
  });
  // Another project opened: its script is not the one B varies.
  project.subscribe((s, prev) => {
    if (s.id !== prev.id && store.getState().active) void store.getState().stop();
  });
  return store;
}
