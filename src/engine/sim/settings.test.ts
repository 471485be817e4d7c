import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimestamp, resolveSimConfig, SettingsError, SIM_SETTINGS } from './settings';
import { formatDate, formatTimestamp, formatValue } from './format';

describe('settings', () => {
  it('parses Flink durations', () => {
    expect(parseDuration('100 ms')).toBe(100);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1 min')).toBe(60_000);
    expect(parseDuration('10min')).toBe(600_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('3 d')).toBe(259_200_000);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
  });

  it('parses timestamps as UTC', () => {
    expect(parseTimestamp('2026-01-01 00:00:00')).toBe(Date.UTC(2026, 0, 1));
    expect(parseTimestamp('2026-03-04T05:06:07.089Z')).toBe(Date.UTC(2026, 2, 4, 5, 6, 7, 89));
    expect(parseTimestamp('2026-03-04 05:06:07+01:00')).toBe(Date.UTC(2026, 2, 4, 4, 6, 7));
    expect(parseTimestamp('2026-02-30 00:00:00')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
  });

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
  it('rounds decimals to their scale', () => {
    expect(formatValue(1.005, { name: 'DECIMAL', precision: 10, scale: 2, nullable: true })).toBe(1.01);
    expect(formatValue(2.5, { name: 'DECIMAL', precision: 10, scale: 0, nullable: true })).toBe(3);
    expect(formatValue(null, { name: 'INT', nullable: true })).toBeNull();
    expect(formatValue(true, { name: 'BOOLEAN', nullable: true })).toBe(true);
  });
});
