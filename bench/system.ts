// What the harness needs from a system under test: build a pipeline for a workload, push batches.
import type { Value } from '../src/engine/types';
import type { InputBatch, Workload } from './workloads';

/** Receives the net effect of a pipeline's output: +1 adds a row, -1 retracts one. */
export interface Sink {
  add(row: readonly Value[], multiplicity: number): void;
}

export interface Runner {
  /** Push one input batch through the whole pipeline (synchronously, to completion). */
  push(batch: InputBatch): void;
  /** Output changelog records emitted so far (a +1 and a -1 each count as one record). */
  outputRecords(): number;
}

export interface System {
  /** Short name used in the table and in `--system`. */
  id: string;
  label: string;
  /**
   * Build a fresh pipeline. Called outside the timed section: anything done here (closure
   * compilation, converting the input to the system's own batch format) is not measured.
   * With `sink` null the pipeline only counts its output, which is what timed runs do.
   */
  create(w: Workload, sink: Sink | null): Runner;
}

/** Collects output as a multiset of rows (JSON text -> net multiplicity). */
export class MultisetSink implements Sink {
  readonly rows = new Map<string, number>();

  add(row: readonly Value[], multiplicity: number): void {
    const key = JSON.stringify(row);
    const m = (this.rows.get(key) ?? 0) + multiplicity;
    if (m === 0) this.rows.delete(key);
    else this.rows.set(key, m);
  }

  /** Net row count (sum of multiplicities). */
  size(): number {
    let n = 0;
    for (const m of this.rows.values()) n += m;
    return n;
  }

  /** Order-independent digest of the multiset (a sum of per-row hashes; equality uses `diff`). */
  digest(): string {
    let a = 0;
    let b = 0;
    for (const [k, m] of this.rows) {
      let h1 = 0x811c9dc5 ^ m;
      let h2 = 0x9e3779b9 + m;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
      a = (a + (h1 >>> 0)) >>> 0;
      b = (b + ((h2 ^ (h2 >>> 13)) >>> 0)) >>> 0;
    }
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }

  /** Describe the first few differences to `other`, or return null when equal. */
  diff(other: MultisetSink, limit = 3): string | null {
    const problems: string[] = [];
    for (const [k, m] of this.rows) {
      const o = other.rows.get(k) ?? 0;
      if (o !== m) problems.push(`${k}: ${m} vs ${o}`);
      if (problems.length >= limit) break;
    }
    if (problems.length < limit) {
      for (const [k, o] of other.rows) {
        if (!this.rows.has(k)) problems.push(`${k}: 0 vs ${o}`);
        if (problems.length >= limit) break;
      }
    }
    return problems.length === 0 ? null : problems.join('; ');
  }
}
