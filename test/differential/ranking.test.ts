import { defineDifferentialSuite } from './harness';
import { RANKING_CASES, WINDOW_RANKING_CASES } from './cases/ranking';

defineDifferentialSuite('differential: Top-N and deduplication', [...RANKING_CASES, ...WINDOW_RANKING_CASES]);
