import { describe, expect, it } from 'vitest';
import { SettingsError } from '../errors';
import { resolveSimConfig, SIM_SETTINGS } from './settings';
import { formatDate, formatTimestamp, formatValue } from './format';

describe('settings', () => {
  it('resolves defaults, and every default in SIM_SETTINGS is used', () => {
    const c = resolveSimConfig({});
    expect(c.epochMs).toBe(Date.UTC(2026, 0, 1));
    expect(c.tickMs).toBe(100);
    expect(c.jitter).toBe(0.2);
    expect(c.durationMs).toBeNull();
    expect(c.checkpointIntervalMs).toBeNull();
    expect(c.checkpointTimeoutMs).toBe(600_000);
    expect(c.rps).toEqual({ source: 200000, calc: 1000000, aggregate: 200000, join: 150000, union: 1000000, drop: 1000000, sink: 100000 });
    expect(c.checkpointBytesPerSecond).toBe(50 * 1024 * 1024);
    expect(c.checkpointBaseMs).toBe(50);
    expect(c.metricsIntervalMs).toBe(1000);
    expect(SIM_SETTINGS.every((s) => s.doc.length > 0)).toBe(true);
  });

  it('rejects bad values with the key in the message', () => {
    expect(() => resolveSimConfig({ 'sim.tick': 'fast' })).toThrow(SettingsError);
    expect(() => resolveSimConfig({ 'sim.jitter': '2' })).toThrow(/sim.jitter/);
    expect(() => resolveSimConfig({ 'sim.start': 'now' })).toThrow(/sim.start/);
  });
});

describe('format', () => {
  it('formats timestamps with milliseconds only when non-zero', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 1, 12, 30, 5))).toBe('2026-01-01 12:30:05');
    expect(formatTimestamp(Date.UTC(2026, 0, 1, 12, 30, 5, 7))).toBe('2026-01-01 12:30:05.007');
    expect(formatTimestamp(Date.UTC(1969, 11, 31, 23, 59, 59))).toBe('1969-12-31 23:59:59');
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(20454)).toBe('2026-01-01');
  });
  it('gives exact numbers: DECIMAL a number when exact as one, else its text; BIGINT a bigint beyond 2^53', () => {
    // Values are canonical at their scale already (common/decimal.ts); output does not round.
    expect(formatValue(1.01, { name: 'DECIMAL', precision: 10, scale: 2, nullable: true })).toBe(1.01);
    expect(formatValue(12345678901234567890123n, { name: 'DECIMAL', precision: 38, scale: 4, nullable: true })).toBe('1234567890123456789.0123');
    expect(formatValue(-5n, { name: 'DECIMAL', precision: 38, scale: 20, nullable: true })).toBe('-0.00000000000000000005');
    expect(formatValue(1800000000000000001n, { name: 'BIGINT', nullable: true })).toBe(1800000000000000001n);
    expect(formatValue(null, { name: 'INT', nullable: true })).toBeNull();
    expect(formatValue(true, { name: 'BOOLEAN', nullable: true })).toBe(true);
  });
});
