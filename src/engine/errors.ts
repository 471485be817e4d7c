// The engine's errors: one root with a machine-readable `code`, subclasses that carry the fields a
// diagnostic is built from (table, option, setting key, job, span). Callers locate an error from
// these fields, never by reading its message text.
import type { Span } from './types';

/** What kind of failure an error is; diagnostics and the runner's exit codes follow it. */
export type ErrorCode =
  | 'lex'
  | 'parse'
  | 'bind'
  | 'connector'
  | 'setting'
  | 'job'
  | 'changelog'
  | 'value'
  | 'expression'
  | 'simulation'
  | 'internal';

export class FreshetError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A connector option or table definition that cannot work. `option` is the WITH key at fault. */
export class ConnectorError extends FreshetError {
  readonly table: string | undefined;
  readonly option: string | undefined;
  constructor(fields: { message: string; table?: string; option?: string }) {
    super('connector', fields.message);
    this.table = fields.table;
    this.option = fields.option;
  }
}

/** A `SET` value the engine cannot use; `key` is the setting's key. */
export class SettingsError extends FreshetError {
  readonly key: string;
  constructor(fields: { key: string; message: string }) {
    super('setting', fields.message);
    this.key = fields.key;
  }
}

/** A job that cannot be built or run; `jobId` is the pipeline's job id, `span` its statement. */
export class JobError extends FreshetError {
  readonly jobId: string | undefined;
  readonly span: Span | undefined;
  readonly table: string | undefined;
  readonly option: string | undefined;
  constructor(fields: { message: string; jobId?: string; span?: Span; table?: string; option?: string }) {
    super('job', fields.message);
    this.jobId = fields.jobId;
    this.span = fields.span;
    this.table = fields.table;
    this.option = fields.option;
  }
}

/** A value that cannot be read as its declared type (a parse error of a format). */
export class ValueError extends FreshetError {
  constructor(message: string) {
    super('value', message);
  }
}

/** A broken invariant inside the engine: never the user's fault. */
export class InternalError extends FreshetError {
  constructor(message: string) {
    super('internal', message);
  }
}
