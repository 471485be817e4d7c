import { defineDifferentialSuite } from './harness';
import { CHANGELOG_CASES } from './cases/changelog';

defineDifferentialSuite('differential: changelog inputs', CHANGELOG_CASES);
