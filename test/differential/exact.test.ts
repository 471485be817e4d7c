import { defineDifferentialSuite } from './harness';
import { EXACT_CASES } from './cases/exact';

defineDifferentialSuite('differential: exact numbers', EXACT_CASES);
