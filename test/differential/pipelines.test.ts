import { defineDifferentialSuite } from './harness';
import { PIPELINES_CASES } from './cases/pipelines';

defineDifferentialSuite('differential: multi-job pipelines', PIPELINES_CASES);
