// Binder diagnostics: a BindError abandons the current statement; warnings are collected.
import type { Diagnostic, Span } from '../types';
import { FreshetError } from '../errors';

export class BindError extends FreshetError {
  readonly span: Span;
  /** Which binder check failed ('unknown-column', 'type-mismatch', ...): the diagnostic's code. */
  readonly reason: string;
  constructor(message: string, span: Span, reason: string) {
    super('bind', message);
    this.span = span;
    this.reason = reason;
  }
}

export function fail(message: string, span: Span, reason: string): never {
  throw new BindError(message, span, reason);
}

export function toDiagnostic(e: BindError): Diagnostic {
  return { severity: 'error', message: e.message, span: e.span, code: e.reason };
}

/** A record built from user-supplied keys without touching Object.prototype (`__proto__` is a plain key). */
export function safeRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries(entries) as Record<string, string>;
}

export function getOwn(rec: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}
