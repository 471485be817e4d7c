import { defineDifferentialSuite } from './harness';
import { GROUP_WINDOW_CASES, WINDOW_CASES, WINDOW_JOIN_CASES } from './cases/windows';

defineDifferentialSuite('differential: window aggregations and joins', [...WINDOW_CASES, ...GROUP_WINDOW_CASES, ...WINDOW_JOIN_CASES]);
