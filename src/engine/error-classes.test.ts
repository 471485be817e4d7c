import { describe, expect, it } from 'vitest';
import { FreshetError, SettingsError, ValueError } from './errors';
import { ExprError } from './expr/cast';
import { BindError, toDiagnostic } from './plan/errors';
import { ChangelogModeError } from './runtime/sink';
import { resolveSimConfig } from './sim/settings';
import { ParseError } from './sql/diagnostics';
import { parseText } from './connectors/values';

const SPAN = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 3, line: 1, column: 4 } };

describe('error classes share the root FreshetError and carry their fields', () => {
  it('each class has its code and keeps its name', () => {
    const cases: Array<[FreshetError, string, string]> = [
      [new ParseError('x', SPAN), 'parse', 'ParseError'],
      [new BindError('x', SPAN, 'type-mismatch'), 'bind', 'BindError'],
      [new ExprError('x'), 'expression', 'ExprError'],
      [new ChangelogModeError('x'), 'changelog', 'ChangelogModeError'],
    ];
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(FreshetError);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
  });

  it("a BindError's reason stays the diagnostic's code", () => {
    const d = toDiagnostic(new BindError('no such column', SPAN, 'unknown-column'));
    expect(d).toEqual({ severity: 'error', message: 'no such column', span: SPAN, code: 'unknown-column' });
  });

  it('a bad setting throws a SettingsError naming its key', () => {
    let thrown: unknown = null;
    try {
      resolveSimConfig({ 'sim.tick': 'fast' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SettingsError);
    expect((thrown as SettingsError).key).toBe('sim.tick');
    expect((thrown as SettingsError).code).toBe('setting');
  });

  it('an unreadable data value throws the ValueError of errors.ts', () => {
    expect(() => parseText('soon', { name: 'TIMESTAMP', nullable: true })).toThrow(ValueError);
  });
});
