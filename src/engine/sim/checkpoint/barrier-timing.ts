// How long a checkpoint of one job takes (docs/simulation.md, "Checkpoints"): the time its
// barrier needs to get through the job, then the time to write the state.
// - The legacy lake reader holds the checkpoint lock while it emits a whole split: the barrier
//   is injected only after the rest of the current split, emitted at the rate the job takes
//   records (the reader's rate, or the slowest operator's under backpressure).
// - Under backpressure (the job used its whole tick) every input channel of the slowest operator
//   holds `sim.cost.network.inflight-bytes` of records in front of the barrier: aligned
//   checkpoints wait until that operator has processed them; with
//   `execution.checkpointing.unaligned.enabled` the barrier overtakes them and they are written
//   with the state instead.
// - Writing: `sim.cost.checkpoint.base-ms` + bytes at `sim.cost.checkpoint.bytes-per-second`.
import { rowBytes } from '../../runtime/state/size';
import type { ExecutionGraph } from '../execution-graph';
import type { CostModel } from '../phases/cost';
import type { SimConfig } from '../settings';
import type { CheckpointTiming, TimedCheckpoint } from './coordinator';

/** A row's bytes when nothing was seen yet (bytes(row) of a few numeric columns). */
const FALLBACK_ROW_BYTES = 64;

export class BarrierTiming implements CheckpointTiming {
  constructor(
    private readonly graph: ExecutionGraph,
    private readonly cost: CostModel,
    private readonly config: SimConfig,
  ) {}

  time(stateBytes: number): TimedCheckpoint {
    const cfg = this.config;
    const { graph, cost } = this;
    const capacity = cost.capacityPerSecond();
    let lockMs = 0;
    for (const s of graph.sources) {
      const records = s.reader.checkpointLockRecords?.() ?? 0;
      if (records === 0) continue;
      const rate = Math.min(capacity, s.rps * Math.max(1, s.node.parallelism));
      lockMs = Math.max(lockMs, (records / rate) * 1000);
    }
    let alignmentMs = 0;
    let inflightBytes = 0;
    if (cost.backpressured) {
      const rowSize = this.sampleRowBytes();
      graph.nodes.forEach((node, i) => {
        if (node.kind === 'Source' || node.kind === 'Values') return;
        const channels = graph.inputIndexes[i]!.reduce((a, j) => a + Math.max(1, graph.nodes[j]!.parallelism), 0);
        const bytes = channels * cfg.inflightBytesPerChannel;
        inflightBytes += bytes * Math.max(1, node.parallelism);
        const rps = node.kind === 'Sink' ? cfg.rps.sink : cost.rpsOf(node);
        alignmentMs = Math.max(alignmentMs, (bytes / rowSize / rps) * 1000);
      });
    }
    if (cfg.unalignedCheckpoints) alignmentMs = 0;
    else inflightBytes = 0;
    const writeMs = cfg.checkpointBaseMs + ((stateBytes + inflightBytes) / cfg.checkpointBytesPerSecond) * 1000;
    return {
      durationMs: Math.round(lockMs + alignmentMs + writeMs),
      alignmentMs: Math.round(alignmentMs),
      lockMs: Math.round(lockMs),
      stateBytes: stateBytes + inflightBytes,
    };
  }

  private sampleRowBytes(): number {
    for (const s of this.graph.sources) {
      const w = this.graph.nodes[s.nodeIndex]!.schema.columns.length;
      if (w > 0) return Math.max(16, rowBytes(new Array<null>(w).fill(null)));
    }
    return FALLBACK_ROW_BYTES;
  }
}
