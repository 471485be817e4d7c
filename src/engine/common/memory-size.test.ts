import { describe, expect, it } from 'vitest';
import { parseMemorySize } from './memory-size';

describe('parseMemorySize', () => {
  it('reads Flink memory sizes in powers of 1024', () => {
    expect(parseMemorySize('384m')).toBe(384 * 1024 * 1024);
    expect(parseMemorySize('1 gb')).toBe(1024 ** 3);
    expect(parseMemorySize('2048')).toBe(2048);
    expect(parseMemorySize('64 KB')).toBe(65536);
    expect(parseMemorySize('lots')).toBeNull();
    expect(parseMemorySize('1.5g')).toBeNull();
  });
});
