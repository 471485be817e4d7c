// Phase 2: sources read what has arrived, limited by the job's capacity in the tick's budget.
// Each source reads between `1 - sim.jitter` and all of its share; each read is cut into batches
// at seeded positions, and the batches of all sources go through the job in a seeded
// interleaving that keeps each source's own order. A reader's error fails the job after the
// batches already read have gone through.
import { JobError } from '../../errors';
import { maxTime } from '../../connectors/store';
import type { Random } from '../../common/random';
import type { SimConfig } from '../settings';
import type { ExecutionGraph } from '../execution-graph';
import type { SourceBatch } from '../source-task';
import type { CostModel } from './cost';
import type { Tick, TickPhase } from './tick';

export class ReadSourcesPhase implements TickPhase {
  readonly name = 'read sources';

  constructor(
    private readonly graph: ExecutionGraph,
    private readonly cost: CostModel,
    private readonly config: SimConfig,
    /** The job's random stream (read shares, cuts, interleaving). */
    private readonly rng: Random,
  ) {}

  run(tick: Tick): void {
    const { sources } = this.graph;
    const now = tick.now;
    const budgetMs = this.cost.takeBudget();
    tick.budgetMs = budgetMs;
    for (const s of sources) s.readThisTick = 0;
    if (budgetMs === 0) return;
    const cfg = this.config;
    const rng = this.rng;
    const budgetSec = budgetMs / 1000;
    const cap = this.cost.readCapacity(budgetSec);
    const wants: number[] = [];
    const avails: number[] = [];
    let total = 0;
    for (const s of sources) {
      const avail = s.finished ? 0 : s.reader.available(now);
      avails.push(avail);
      if (avail === 0) {
        s.carriedAllowance = 0;
        wants.push(0);
        continue;
      }
      const limit = s.rps * Math.max(1, s.node.parallelism) * budgetSec * (1 - cfg.jitter * rng.next());
      const w = Math.min(avail, limit);
      wants.push(w);
      total += w;
    }
    const scale = total > cap ? cap / total : 1;
    // Read each source, cut its records into batches at seeded positions.
    let pendingError: string | null = null;
    const queues: SourceBatch[][] = [];
    for (let k = 0; k < sources.length; k++) {
      const s = sources[k]!;
      const avail = avails[k]!;
      if (avail === 0 || pendingError) {
        queues.push([]);
        continue;
      }
      const allowance = wants[k]! * scale + s.carriedAllowance;
      let n = Math.min(avail, Math.floor(allowance));
      s.carriedAllowance = n < avail ? allowance - n : 0;
      if (n === 0) {
        queues.push([]);
        continue;
      }
      const res = s.read(n, now);
      n = s.lastReadCount;
      s.readThisTick = n;
      tick.recordsRead += n;
      this.graph.counters.recordsIn[s.nodeIndex]! += n;
      if (res.error) pendingError = res.error;
      queues.push(s.cut(res, rng));
    }
    // Interleave the batches of different sources in a seeded order.
    let left = queues.reduce((a, q) => a + q.length, 0);
    const heads = queues.map(() => 0);
    while (left > 0) {
      let pick = rng.int(0, left - 1);
      let k = 0;
      for (; k < queues.length; k++) {
        const rem = queues[k]!.length - heads[k]!;
        if (pick < rem) break;
        pick -= rem;
      }
      const piece = queues[k]![heads[k]!++]!;
      left--;
      this.graph.lastEventTime = maxTime(this.graph.lastEventTime, piece.eventTime);
      this.graph.route(sources[k]!.nodeIndex, piece.changes, piece.eventTime, now);
    }
    if (pendingError) throw new JobError({ message: pendingError, jobId: this.graph.jobId });
  }
}
