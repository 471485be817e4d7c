// The cost of a bounded lake read, in virtual time before its first row: scan planning reads
// every manifest of the snapshot (Iceberg's ManifestGroup opens each data and delete manifest),
// and merge-on-read opens, for every data file, each delete file that applies to it (the spec's
// scan-planning rules, delete-rules.ts) and loads its rows. Equality deletes apply to every older
// data file of their partition, so each is opened and loaded once per such data file; a position
// delete file or a deletion vector applies to the one data file it references, and a deletion
// vector is a bitmap read in one request (no rows to load). Parallel readers share the merge work;
// planning is done once, by the enumerator. The settings and their sources are in
// docs/simulation.md (`sim.cost.iceberg.plan.manifest-read-ms`, `sim.cost.iceberg.read.*`).
import { FileContent } from './content-file';
import type { ScanPlan } from './scan';

export interface LakeReadCost {
  /** `sim.cost.iceberg.plan.manifest-read-ms`: virtual ms to read one manifest while planning. */
  readonly manifestReadMs: number;
  /** `sim.cost.iceberg.read.delete-file-open-ms`: virtual ms to open one delete file (or DV) for one data file. */
  readonly deleteFileOpenMs: number;
  /** `sim.cost.source.rps`: delete rows loaded per virtual second, as any record a source reads. */
  readonly deleteRowsPerSecond: number;
}

export const DEFAULT_LAKE_READ_COST: LakeReadCost = { manifestReadMs: 20, deleteFileOpenMs: 20, deleteRowsPerSecond: 200_000 };

export interface ReadCostBreakdown {
  readonly manifests: number;
  readonly planningMs: number;
  /** Delete files opened, counted once per data file they apply to. */
  readonly deleteFileOpens: number;
  readonly equalityDeleteRowsLoaded: number;
  readonly positionDeleteRowsLoaded: number;
  readonly mergeMs: number;
  /** planning + merge / parallelism: how long after it starts the read's first row comes. */
  readonly totalMs: number;
}

export function boundedReadCost(plan: ScanPlan, cost: LakeReadCost, parallelism: number): ReadCostBreakdown {
  const manifests = plan.dataManifests + plan.deleteManifests;
  let opens = 0;
  let eqRows = 0;
  let posRows = 0;
  for (const task of plan.tasks) {
    const d = task.deletes;
    if (d.deletionVector) opens++;
    for (const p of d.positionDeletes) {
      opens++;
      posRows += p.file.recordCount;
    }
    for (const e of d.equalityDeletes) {
      if (e.file.content !== FileContent.EQUALITY_DELETES) continue;
      opens++;
      eqRows += e.file.recordCount;
    }
  }
  const planningMs = manifests * cost.manifestReadMs;
  const mergeMs = opens * cost.deleteFileOpenMs + ((eqRows + posRows) / cost.deleteRowsPerSecond) * 1000;
  return {
    manifests,
    planningMs,
    deleteFileOpens: opens,
    equalityDeleteRowsLoaded: eqRows,
    positionDeleteRowsLoaded: posRows,
    mergeMs,
    totalMs: planningMs + mergeMs / Math.max(1, parallelism),
  };
}
