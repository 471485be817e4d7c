import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text';

describe('jsonText', () => {
  it('writes what JSON.stringify writes for plain data', () => {
    const data = {
      a: 1,
      b: [1, 'x', null, undefined, () => 1, { c: true }],
      d: undefined,
      e: () => 2,
      f: { toJSON: () => 'as json' },
      g: new Date(0),
      h: 'quote " and \\ and \n',
      i: [],
      j: {},
      k: -0,
      l: NaN,
    };
    expect(jsonText(data)).toBe(JSON.stringify(data));
    expect(jsonText(undefined)).toBe('null');
  });

  it('lets leaf write bigints and leaves skipKey out at every depth', () => {
    const data = { span: 1, x: [{ span: 2, v: 12345678901234567890n }] };
    expect(jsonText(data, { skipKey: 'span', leaf: (v) => (typeof v === 'bigint' ? `${v}` : undefined) })).toBe('{"x":[{"v":12345678901234567890}]}');
  });

  it('writes nesting far deeper than the call stack allows', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const text = jsonText(deep);
    expect(text.length).toBe(400_001);
    expect(text.startsWith('[[[') && text.endsWith(']]]')).toBe(true);
  });
});
