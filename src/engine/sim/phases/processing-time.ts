// Phase 1: processing time advanced. Operators with state TTL expire state; what they emit
// (retractions of expired groups) goes down the job like any batch.
import type { ExecutionGraph } from '../execution-graph';
import type { Tick, TickPhase } from './tick';

export class ProcessingTimePhase implements TickPhase {
  readonly name = 'processing time';

  constructor(private readonly graph: ExecutionGraph) {}

  run(tick: Tick): void {
    const { ops } = this.graph;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op?.onProcessingTime) {
        const out = op.onProcessingTime(tick.operatorContext);
        if (out.length > 0) this.graph.route(i, out, this.graph.lastEventTime, tick.now);
      }
    }
  }
}
