import { defineDifferentialSuite } from './harness';
import { NULLS_CASES } from './cases/nulls';

defineDifferentialSuite('differential: CASE and NULL', NULLS_CASES);
