// Phase 5: when every source has finished, the sink flushes and commits everything (Flink's final
// checkpoint) and the job ends this tick; otherwise time-based sink flushes run and the
// checkpoint coordinator completes and triggers checkpoints.
import type { SinkWriter } from '../../connectors/store';
import type { CheckpointCoordinator } from '../checkpoint/coordinator';
import type { Tick, TickPhase } from './tick';

export class SinkAndCheckpointPhase implements TickPhase {
  readonly name = 'sink flush and checkpoints';

  constructor(
    private readonly writer: SinkWriter,
    private readonly checkpoints: CheckpointCoordinator<unknown>,
  ) {}

  run(tick: Tick): void {
    if (tick.inputEnded) {
      this.writer.endOfInput(tick.now);
      this.checkpoints.discardInflight();
      return;
    }
    this.writer.tick(tick.now);
    this.checkpoints.onTick(tick.now);
  }
}
