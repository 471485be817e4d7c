import { describe, expect, it } from 'vitest';
import { JsonNumberText, parseJsonExact } from './json-exact';
import { fromJson } from '../values';
import type { DataType } from '../../types';

const t = (name: DataType['name'], precision?: number, scale?: number): DataType => ({ name, nullable: true, precision, scale });

describe('parseJsonExact', () => {
  it('keeps the digits of numbers a double would round', () => {
    const v = parseJsonExact('{"id": 1800000000000000001, "v": 12345678901234567890.1234567891, "n": 42, "x": 1.5, "e": 1e308}') as Record<string, unknown>;
    expect(v['id']).toEqual(new JsonNumberText('1800000000000000001'));
    expect(v['v']).toEqual(new JsonNumberText('12345678901234567890.1234567891'));
    expect(v['n']).toBe(42);
    expect(v['x']).toBe(1.5);
    expect(v['e']).toEqual(new JsonNumberText('1e308'));
    expect(fromJson(v['id'], t('BIGINT'))).toBe(1800000000000000001n);
    expect(fromJson(v['v'], t('DECIMAL', 38, 10))).toBe(123456789012345678901234567891n);
    expect(fromJson(v['v'], t('DOUBLE'))).toBe(Number('12345678901234567890.1234567891'));
    expect(fromJson(v['id'], t('STRING'))).toBe('1800000000000000001');
  });

  it('parses like JSON.parse otherwise: nesting, escapes, __proto__ as data, errors', () => {
    const text = '{"a": [1, {"b": "x\\u0041\\"y"}, [], {}], "__proto__": {"z": 1234567890123456789}, "t": true, "f": false, "n": null}';
    const v = parseJsonExact(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['a', '__proto__', 't', 'f', 'n']);
    expect((v['a'] as unknown[])[1]).toEqual({ b: 'xA"y' });
    expect(v['t']).toBe(true);
    expect(() => parseJsonExact('{"a": 1234567890123456789,}')).toThrow(SyntaxError);
    expect(() => parseJsonExact('[1234567890123456789')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"a": 12345678901234567890} x')).toThrow(SyntaxError);
  });
});
