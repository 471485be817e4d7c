// Changelog modes: what kinds of changes each node emits, inferred from its inputs as Flink's
// FlinkChangelogModeInferenceProgram does, and the sink checks that reject a stream the sink
// table cannot take.
import type { ChangelogMode, Span } from '../types';
import { RowKind } from '../types';
import type { PlanNode, SinkNode, TableDef } from './graph';
import { fail } from './errors';
import { CHANGELOG_FORMATS, formatOf } from './tables';
import type { SinkChanges } from './capabilities';
import { pathOfTable } from './bind/catalog';

/** The kinds of change a node emits. */
export interface Changes {
  updates: boolean;
  deletes: boolean;
  /** The node that introduced the updates, for Flink's sink error message. */
  origin: number | null;
  /** Updates come without the -U before them (an upsert stream keyed by the unique key). */
  upsert: boolean;
}

const INSERT_ONLY: Changes = { updates: false, deletes: false, origin: null, upsert: false };

function modeOf(c: Changes): ChangelogMode {
  if (!c.updates && !c.deletes) return 'insert-only';
  return c.upsert ? 'upsert' : 'retract';
}

/** A streaming read of a lake table with the `streaming.changelog` extension emits -U/+U/-D. */
function isIcebergChangelogRead(options: Record<string, string>): boolean {
  const get = (key: string): string => (Object.entries(options).find(([k]) => k.toLowerCase() === key)?.[1] ?? '').trim().toLowerCase();
  return get('streaming') === 'true' && get('streaming.changelog') === 'true';
}

/** The changes of every node of one job, recorded as nodes are added (inputs first). */
export class ChangeTracker {
  private readonly byNode = new Map<number, Changes>();

  of(nodeId: number): Changes {
    return this.byNode.get(nodeId) ?? INSERT_ONLY;
  }

  /** Infers a new node's changes from its inputs' (a source's from the table it reads). */
  track(node: PlanNode, readTable?: TableDef): ChangelogMode {
    const input = (i: number) => this.of(node.inputs[i]!);
    let c: Changes;
    switch (node.kind) {
      case 'Source': {
        const table = readTable!;
        const format = formatOf({ ...table.options, ...node.optionOverrides });
        if (table.connector === 'upsert-kafka') c = { updates: true, deletes: true, origin: node.id, upsert: true };
        else if (format !== undefined && CHANGELOG_FORMATS.has(format) && table.connector !== 'jdbc') c = { updates: true, deletes: true, origin: node.id, upsert: false };
        else if (table.connector === 'iceberg' && isIcebergChangelogRead({ ...table.options, ...node.optionOverrides })) c = { updates: true, deletes: true, origin: node.id, upsert: false };
        else c = INSERT_ONLY;
        break;
      }
      case 'Values':
        c = INSERT_ONLY;
        break;
      case 'Calc':
      case 'Sink':
        c = input(0);
        break;
      case 'GroupAggregate': {
        const i = input(0);
        c = { updates: true, deletes: i.updates || i.deletes, origin: node.id, upsert: false };
        break;
      }
      case 'Join': {
        const l = input(0);
        const r = input(1);
        if (node.joinType !== 'INNER') c = { updates: true, deletes: true, origin: node.id, upsert: false };
        else c = { updates: l.updates || r.updates, deletes: l.deletes || r.deletes, origin: l.origin ?? r.origin, upsert: false };
        break;
      }
      case 'TemporalJoin':
      case 'LookupJoin':
        // Each left row joins once, with the left's row kind (the versioned side never retracts output).
        c = input(0);
        break;
      case 'IntervalJoin':
      case 'WindowJoin':
      case 'WindowTableFunction':
      case 'WindowAggregate':
      case 'WindowRank':
      case 'OverAggregate':
        // Rows are emitted once (a window's result when it fires, a padded join row when it
        // expires unmatched): never updated or retracted.
        c = INSERT_ONLY;
        break;
      case 'Rank':
        // A row enters and leaves the top N as others arrive: updates and deletes (Flink's Rank).
        c = { updates: true, deletes: true, origin: node.id, upsert: false };
        break;
      case 'Deduplicate': {
        // Only keep-first on proctime never revisits a row (Flink's StreamPhysicalDeduplicate).
        const i = input(0);
        c = node.keepLastRow || node.timeKind === 'rowtime' ? { updates: true, deletes: i.deletes, origin: node.id, upsert: false } : INSERT_ONLY;
        break;
      }
      case 'Union': {
        const ins = node.inputs.map((_, i) => input(i));
        c = {
          updates: ins.some((x) => x.updates),
          deletes: ins.some((x) => x.deletes),
          origin: ins.find((x) => x.origin !== null)?.origin ?? null,
          upsert: false,
        };
        break;
      }
      case 'MergeAction':
        // Updates (-U/+U), deletes and inserts of target rows: a retract stream keyed by the target's key.
        c = { updates: true, deletes: true, origin: node.id, upsert: false };
        break;
      case 'ToChangelog':
        c = INSERT_ONLY;
        break;
      case 'DropRowKind': {
        const i = input(0);
        const drops = new Set(node.dropKinds);
        if (drops.has(RowKind.UPDATE_BEFORE) && drops.has(RowKind.DELETE)) c = INSERT_ONLY;
        else if (drops.has(RowKind.UPDATE_BEFORE)) c = { ...i, upsert: true };
        else if (drops.has(RowKind.DELETE)) c = { ...i, deletes: false };
        else c = i;
        break;
      }
    }
    this.byNode.set(node.id, c);
    return modeOf(c);
  }
}

/** What the sink check reads of a job: its nodes by id and their changes. */
interface TrackedJob {
  get(id: number): PlanNode;
  readonly changes: ChangeTracker;
}

/**
 * Flink's sink checks: append-only sinks reject updates; sinks that upsert by key need one.
 * `accepts` is what the target's connector takes (ConnectorCapabilities.sinkChanges);
 * `tableNamed` finds a source's table (an upsert-kafka source is named by the ChangelogNormalize
 * Flink reads it through); `span` is where the error points (the INSERT).
 */
export function checkSinkChanges(
  job: TrackedJob,
  sink: SinkNode,
  target: TableDef,
  accepts: SinkChanges,
  tableNamed: (name: string) => TableDef | undefined,
  span: Span,
): void {
  const c = job.changes.of(sink.id);
  if (!c.updates && !c.deletes) return;
  const originNode = job.get(c.origin ?? sink.inputs[0]!);
  let origin = originNode.label;
  if (originNode.kind === 'Source') {
    const src = tableNamed(originNode.table);
    if (src?.connector === 'upsert-kafka') origin = `ChangelogNormalize(key=[${src.primaryKey.join(', ')}])`;
  }
  if (accepts === 'insert-only') {
    const what = c.deletes ? 'update and delete' : 'update';
    fail(
      `Table sink '${pathOfTable(target)}.${target.name}' doesn't support consuming ${what} changes which is produced by node ${origin}`,
      span,
      'changelog-mode',
    );
  }
  if (accepts === 'any-with-key' && target.primaryKeyIndices.length === 0) {
    fail(
      `Table sink '${pathOfTable(target)}.${target.name}' requires a PRIMARY KEY to accept updates, which are produced by node ${origin}`,
      span,
      'changelog-mode',
    );
  }
}
