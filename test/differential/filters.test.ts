import { defineDifferentialSuite } from './harness';
import { FILTERS_CASES } from './cases/filters';

defineDifferentialSuite('differential: filters and projections', FILTERS_CASES);
