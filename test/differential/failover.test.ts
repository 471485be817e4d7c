// The keyed (upsert-sink) cases of every group again, with a failover in the middle of the run.
import { defineFailoverSuite } from './harness';
import { AGGREGATES_CASES } from './cases/aggregates';
import { CHANGELOG_CASES } from './cases/changelog';
import { COMPOSITE_CASES } from './cases/composite';
import { NULLS_CASES } from './cases/nulls';
import { PIPELINES_CASES } from './cases/pipelines';
import { OVER_CASES } from './cases/over';

defineFailoverSuite('differential: failover and restore', [
  ...AGGREGATES_CASES,
  ...CHANGELOG_CASES,
  ...COMPOSITE_CASES,
  ...NULLS_CASES,
  ...PIPELINES_CASES,
  ...OVER_CASES,
]);
