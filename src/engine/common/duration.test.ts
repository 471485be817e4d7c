import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it("reads the planner's STATE_TTL forms", () => {
    expect(['1d', '30 d', '2h', '15min', '10s', '500ms', '1 day', '3 hours', '250'].map(parseDuration)).toEqual([
      86_400_000, 30 * 86_400_000, 7_200_000, 900_000, 10_000, 500, 86_400_000, 3 * 3_600_000, 250,
    ]);
    expect(parseDuration('soon')).toBe(null);
  });

  it("reads the simulator's and connectors' Flink durations", () => {
    expect(parseDuration('100 ms')).toBe(100);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1 min')).toBe(60_000);
    expect(parseDuration('10min')).toBe(600_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('3 d')).toBe(259_200_000);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
  });

  it('knows every unit spelling, in any case, with or without a space', () => {
    const spellings: Array<[number, string[]]> = [
      [86_400_000, ['d', 'day', 'days']],
      [3_600_000, ['h', 'hour', 'hours']],
      [60_000, ['m', 'min', 'mins', 'minute', 'minutes']],
      [1000, ['s', 'sec', 'secs', 'second', 'seconds']],
      [1, ['ms', 'milli', 'millis', 'millisecond', 'milliseconds']],
    ];
    for (const [ms, units] of spellings)
      for (const unit of units) {
        expect(parseDuration(`2${unit}`)).toBe(2 * ms);
        expect(parseDuration(` 2 ${unit.toUpperCase()} `)).toBe(2 * ms);
      }
    expect(parseDuration('1500 us')).toBe(2);
    expect(parseDuration('1500 micros')).toBe(2);
    expect(parseDuration('3000000 ns')).toBe(3);
    expect(parseDuration('3000000 nanoseconds')).toBe(3);
  });

  it('rounds a number with a unit to whole ms and takes a bare number as written', () => {
    expect(parseDuration('1.5 s')).toBe(1500);
    expect(parseDuration('0.0004 s')).toBe(0);
    expect(parseDuration('1.5 ms')).toBe(2);
    expect(parseDuration('1.5')).toBe(1.5);
    expect(parseDuration('0.5')).toBe(0.5);
  });

  it('rejects what is not one number and one unit', () => {
    for (const text of ['', ' ', 's', '-1 s', '+1 s', '1e3', '.5 s', '1.', '1 s 2', '1 h 30 min', '10 constructor', '1 toString'])
      expect(parseDuration(text)).toBeNull();
  });
});
