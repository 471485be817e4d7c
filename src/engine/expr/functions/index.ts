// The scalar function registry, filled by family. Importing this module loads every family, each
// of which registers its entries in `FUNCTIONS` (registry.ts); a new built-in goes in its family's
// file, or in a new family file imported below.
import './arithmetic';
import './comparison';
import './logic';
import './conditional';
import './string';
import './datetime';
import './regex';
import './random';
import './json';

export { FUNCTIONS, NO_CONTEXT, type Builder, type EvalContext } from './registry';
export { buildCast } from './cast';
export { MAX_STRING_LENGTH, codePointCount } from './string';
export { checkConstantPattern } from './regex';
