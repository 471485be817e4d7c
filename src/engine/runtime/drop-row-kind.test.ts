import { describe, expect, it } from 'vitest';
import { RowKind } from '../types';
import { dropRowKind } from './drop-row-kind';
import { D, I, UA, UB, show } from './testkit';

const ctx = { now: 0 };

describe('DropRowKind', () => {
  it('DropRowKind drops the configured kinds and counts them', () => {
    const op = dropRowKind({ dropKinds: [RowKind.UPDATE_BEFORE] });
    expect(show(op.process([I(1), UB(1), UA(2), D(2)], 0, ctx))).toEqual(['+I[1]', '+U[2]', '-D[2]']);
    const appendOnly = dropRowKind({ dropKinds: [RowKind.UPDATE_BEFORE, RowKind.DELETE] });
    // -U and -D dropped: the planner marks the output insert-only, so +U is emitted as +I.
    expect(show(appendOnly.process([I(1), UB(1), UA(2), D(2)], 0, ctx))).toEqual(['+I[1]', '+I[2]']);
    expect(appendOnly.droppedPerKind()).toEqual([0, 1, 0, 1]);
    // Dropping +U as well keeps nothing but inserts; nothing to convert.
    const onlyInserts = dropRowKind({ dropKinds: [RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE] });
    expect(show(onlyInserts.process([I(1), UB(1), UA(2), D(2)], 0, ctx))).toEqual(['+I[1]']);
    const none = dropRowKind({ dropKinds: [] });
    const b = [I(1)];
    expect(none.process(b, 0, ctx)).toBe(b);
  });
});
