import { defineDifferentialSuite } from './harness';
import { COMPOSITE_CASES } from './cases/composite';

defineDifferentialSuite('differential: composite queries', COMPOSITE_CASES);
