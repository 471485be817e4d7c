// JSON text -> values, keeping the exact digits of numbers a double cannot hold. JSON.parse reads
// 1800000000000000001 as 1800000000000000000 and 0.12345678901234567890 as 0.12345678901234568;
// a BIGINT or DECIMAL(38, s) column needs the text. A line without a run of 16 digits (the only
// way to write such a number) takes JSON.parse; other lines take this parser, which gives every
// number with more than 15 significant digits, or with an exponent, as a JsonNumberText.

/** A JSON number as written, for numbers a double would round. */
export class JsonNumberText {
  constructor(readonly text: string) {}
  /** The number as a double (what JSON.parse would have given). */
  toNumber(): number {
    return Number(this.text);
  }
}

/** 16 digits, possibly with one '.' among them: a number a double may not hold exactly. */
const LONG_NUMBER = /(?:\d\.?){16}|\d[eE]/;

/** Parses one JSON text; numbers that need their digits come back as JsonNumberText. Throws SyntaxError. */
export function parseJsonExact(text: string): unknown {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text);
  const parser = new ExactJsonParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class ExactJsonParser {
  private at = 0;
  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.at}`);
  }

  private space(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.at++;
      else break;
    }
  }

  end(): void {
    this.space();
    if (this.at < this.text.length) this.fail('Unexpected non-whitespace character after JSON');
  }

  /** One value; containers are walked with an explicit stack, so nesting depth costs no frames. */
  value(): unknown {
    type Frame = { array: unknown[] } | { object: Record<string, unknown>; key: string };
    const stack: Frame[] = [];
    let result: unknown;
    for (;;) {
      this.space();
      let v: unknown;
      let opened = false;
      const c = this.text[this.at];
      if (c === '{') {
        this.at++;
        this.space();
        const object: Record<string, unknown> = {};
        if (this.text[this.at] === '}') {
          this.at++;
          v = object;
        } else {
          stack.push({ object, key: this.key() });
          opened = true;
        }
      } else if (c === '[') {
        this.at++;
        this.space();
        const array: unknown[] = [];
        if (this.text[this.at] === ']') {
          this.at++;
          v = array;
        } else {
          stack.push({ array });
          opened = true;
        }
      } else v = this.scalar();
      if (opened) continue;
      // Store v in the open containers, closing those that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) {
          result = v;
          return result;
        }
        if ('array' in top) top.array.push(v);
        else Object.defineProperty(top.object, top.key, { value: v, enumerable: true, writable: true, configurable: true });
        this.space();
        const sep = this.text[this.at];
        if (sep === ',') {
          this.at++;
          if ('object' in top) {
            this.space();
            top.key = this.key();
          }
          break;
        }
        if (('array' in top && sep === ']') || ('object' in top && sep === '}')) {
          this.at++;
          stack.pop();
          v = 'array' in top ? top.array : top.object;
          continue;
        }
        this.fail(`Unexpected token ${sep === undefined ? 'end of input' : `'${sep}'`}`);
      }
    }
  }

  /** `"name" :` of an object member. */
  private key(): string {
    if (this.text[this.at] !== '"') this.fail('Expected property name');
    const k = this.string();
    this.space();
    if (this.text[this.at] !== ':') this.fail("Expected ':' after property name");
    this.at++;
    return k;
  }

  private string(): string {
    const t = this.text;
    const start = this.at;
    let i = start + 1;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) i++;
      else if (c < 32) this.fail('Bad control character in string literal');
    }
    if (i >= t.length) this.fail('Unterminated string in JSON');
    this.at = i + 1;
    return JSON.parse(t.slice(start, i + 1)) as string;
  }

  private scalar(): unknown {
    const t = this.text;
    const c = t[this.at];
    if (c === '"') return this.string();
    if (t.startsWith('true', this.at)) return (this.at += 4), true;
    if (t.startsWith('false', this.at)) return (this.at += 5), false;
    if (t.startsWith('null', this.at)) return (this.at += 4), null;
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(t);
    if (!m) this.fail(c === undefined ? 'Unexpected end of JSON input' : `Unexpected token '${c}'`);
    this.at += m[0].length;
    const text = m[0];
    if (!/[eE]/.test(text)) {
      const n = Number(text);
      const significant = text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
      if (significant.length <= 15 && (text.includes('.') || Number.isSafeInteger(n))) return n;
    }
    return new JsonNumberText(text);
  }
}
