import { defineDifferentialSuite } from './harness';
import { INTERVAL_JOIN_CASES } from './cases/interval-joins';

defineDifferentialSuite('differential: interval joins', INTERVAL_JOIN_CASES);
