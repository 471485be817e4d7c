// Binder diagnostics: a BindError abandons the current statement; warnings are collected.
import type { Diagnostic, Span } from '../types';

export class BindError extends Error {
  readonly span: Span;
  readonly code: string;
  constructor(message: string, span: Span, code: string) {
    super(message);
    this.name = 'BindError';
    this.span = span;
    this.code = code;
  }
}

export function fail(message: string, span: Span, code: string): never {
  throw new BindError(message, span, code);
}

export function toDiagnostic(e: BindError): Diagnostic {
  return { severity: 'error', message: e.message, span: e.span, code: e.code };
}

/** A record built from user-supplied keys without touching Object.prototype (`__proto__` is a plain key). */
export function safeRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries(entries) as Record<string, string>;
}

export function getOwn(rec: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}
