// The scheduler's tick of one job as a list of named phases (docs/simulation.md, "One tick").
// A phase gets the parts of the job it works on when it is built and shares per-tick values with
// the later phases through `Tick`. New models add a phase (the memory model: a heap check after
// the cost phase that fails the task when split buffers, state and delete files exceed the heap)
// or replace one (the legacy and FLIP-27 source architectures: how the read phase pulls records).
import type { OperatorContext } from '../../runtime/operator';

/** What the phases of one job's tick share. */
export class Tick {
  /** The context operators see in timer callbacks (state TTL, watermarks). */
  readonly operatorContext: OperatorContext;
  /** Virtual ms of work the job may do this tick, after the carry of earlier ticks (read phase). */
  budgetMs = 0;
  /** Source records read this tick (read phase). */
  recordsRead = 0;
  /** Every source has finished (watermark phase): the job ends this tick. */
  inputEnded = false;

  constructor(readonly now: number) {
    this.operatorContext = { now };
  }
}

export interface TickPhase {
  /** The phase's name, as docs/simulation.md lists the tick's steps. */
  readonly name: string;
  run(tick: Tick): void;
}
