// One job under construction: its nodes in topological order (ids from 1), the changes each
// node emits, and the tables it reads.
import type { PlanNode, TableDef } from './graph';
import { ChangeTracker } from './changelog';

/** A node as a physical rule builds it: the job gives it its id and infers its changelog mode. */
export type NewNode<N extends PlanNode> = Omit<N, 'id' | 'changelogMode'>;

export class JobBuilder {
  readonly nodes: PlanNode[] = [];
  readonly changes = new ChangeTracker();
  /** Tables the job reads, each once, in the order they are first read. */
  readonly sourceTables: string[] = [];
  private nextId = 1;

  /** `parallelism` is the job's default; a source or sink may set its own. */
  constructor(readonly parallelism: number) {}

  /** Adds a node after its inputs; a Source passes the table it reads (its format decides its changes). */
  add<N extends PlanNode>(node: NewNode<N>, readTable?: TableDef): N {
    const full = { ...node, id: this.nextId++, changelogMode: 'insert-only' } as N;
    this.nodes.push(full);
    full.changelogMode = this.changes.track(full, readTable);
    return full;
  }

  get(id: number): PlanNode {
    return this.nodes.find((n) => n.id === id)!;
  }
}
