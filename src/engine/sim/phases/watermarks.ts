// Phase 3: sources that are done finish, then watermarks advance. A source's watermark is the
// largest WATERMARK expression value it has read (MAX_WATERMARK once finished); an operator's is
// the minimum over its inputs, never going back; operators see `onWatermark` when theirs moves.
import type { ExecutionGraph } from '../execution-graph';
import type { Tick, TickPhase } from './tick';

/** The watermark a finished source emits (Flink's MAX_WATERMARK), as a safe integer. */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;

export class WatermarkPhase implements TickPhase {
  readonly name = 'watermarks';

  constructor(private readonly graph: ExecutionGraph) {}

  run(tick: Tick): void {
    const { sources, nodes, watermarks, inputIndexes, ops } = this.graph;
    for (const s of sources) if (!s.finished && s.reader.isFinished(tick.now)) s.finished = true;
    for (const s of sources) s.refreshWatermark(tick.now);
    tick.inputEnded = sources.every((s) => s.finished);
    for (const s of sources) watermarks[s.nodeIndex] = s.finished ? MAX_WATERMARK : s.maxWatermark;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.kind === 'Source' || node.kind === 'Values') continue;
      let w = Infinity;
      for (const j of inputIndexes[i]!) w = Math.min(w, watermarks[j]!);
      if (w > watermarks[i]! && w !== Infinity) {
        watermarks[i] = w;
        const op = ops[i];
        if (op?.onWatermark && w > -Infinity) {
          const out = op.onWatermark(w, tick.operatorContext);
          if (out.length > 0) this.graph.route(i, out, this.graph.lastEventTime, tick.now);
        }
      }
    }
  }
}
