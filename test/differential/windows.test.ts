import { defineDifferentialSuite } from './harness';
import { GROUP_WINDOW_CASES, WINDOW_CASES } from './cases/windows';

defineDifferentialSuite('differential: window aggregations', [...WINDOW_CASES, ...GROUP_WINDOW_CASES]);
