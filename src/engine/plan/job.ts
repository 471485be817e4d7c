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
  /** Nodes read by more than one consumer (pre-planned views): a Calc above one must not merge into it. */
  private readonly shared = new Set<number>();

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
    // Ids are 1-based positions (rollback keeps them so); the search is a fallback.
    const at = this.nodes[id - 1];
    return at && at.id === id ? at : this.nodes.find((n) => n.id === id)!;
  }

  /** Marks a node that several consumers may read (a pre-planned view or WITH query). */
  share(id: number): void {
    this.shared.add(id);
  }

  isShared(id: number): boolean {
    return this.shared.has(id);
  }

  /** Where the job stands, to undo a tentative plan with rollback. */
  mark(): { nodes: number; sources: number } {
    return { nodes: this.nodes.length, sources: this.sourceTables.length };
  }

  /** Drops the nodes and source tables added since `m` (their changes are re-inferred when ids are reused). */
  rollback(m: { nodes: number; sources: number }): void {
    this.nodes.length = m.nodes;
    this.sourceTables.length = m.sources;
    this.nextId = m.nodes + 1;
  }
}
