import { defineDifferentialSuite } from './harness';
import { LAKE_STREAM_CASES } from './cases/lake-streams';

defineDifferentialSuite('differential: streaming reads of lake tables', LAKE_STREAM_CASES);
