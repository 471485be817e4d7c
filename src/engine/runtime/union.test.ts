import { describe, expect, it } from 'vitest';
import { union } from './union';
import { D, I } from './testkit';

const ctx = { now: 0 };

describe('Union', () => {
  it('Union forwards batches unchanged and counts records per input', () => {
    const op = union({ inputs: 2, parallelism: 2 });
    const a = [I(1), I(2), I(3)];
    expect(op.process(a, 0, ctx)).toBe(a);
    op.process([D(4)], 1, ctx);
    expect(op.recordsPerInput()).toEqual([3, 1]);
    expect(op.lastSubtaskLoad().reduce((x, y) => x + y, 0)).toBe(1);
  });
});
