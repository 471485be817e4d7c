import { defineDifferentialSuite } from './harness';
import { JOINS_CASES } from './cases/joins';

defineDifferentialSuite('differential: joins', JOINS_CASES);
