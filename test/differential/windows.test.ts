import { defineDifferentialSuite } from './harness';
import { WINDOW_CASES } from './cases/windows';

defineDifferentialSuite('differential: window aggregations', WINDOW_CASES);
