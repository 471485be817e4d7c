import { defineDifferentialSuite } from './harness';
import { OVER_CASES } from './cases/over';

defineDifferentialSuite('differential: OVER aggregations', OVER_CASES);
