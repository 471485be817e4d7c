import { defineDifferentialSuite } from './harness';
import { AGGREGATES_CASES } from './cases/aggregates';

defineDifferentialSuite('differential: aggregates', AGGREGATES_CASES);
