// The script model the planner and the editor share: statements, tables and jobs of one script.
export { modelOf, findTable, type ScriptModel } from './model';
export { splitStatements, type Chunk } from './split';
export { declaredPrimaryKey, isWritable, queryColumnNames, type ColumnModel, type TableModel } from './tables';
export { JOB_WORDS, isJobStatement, jobTarget, jobsIn, numberJobs, type JobStatement, type ScriptJob } from './jobs';
export { tokensOf, isWord, isPunct, identOf, matchParen, splitTopLevel, IDENT_RE } from './tokens';
