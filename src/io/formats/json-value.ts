/**
 * A validating cursor over one framed JSON value (a root object or array): skips values, unescapes
 * strings into UTF-8, and copies nested objects/arrays as text. Malformed input throws JsonSyntaxError.
 */
import type { ByteBuffer } from './byte-buffer.js';

export class JsonSyntaxError extends Error {
  /** Byte offset in the value's buffer. */
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

/** The bytes JSON syntax is made of (a const enum: literals in the compiled code, cheaper in hot loops than module constants). */
const enum Ch {
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  LBracket = 0x5b,
  Backslash = 0x5c,
  RBracket = 0x5d,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerT = 0x74,
  LowerU = 0x75,
  LBrace = 0x7b,
  RBrace = 0x7d,
}

/** Nesting deeper than this is rejected (the skipper recurses). */
const MAX_DEPTH = 1000;

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** The bytes that may follow a backslash in a JSON string, and what they stand for. */
const SIMPLE_ESCAPES = new Int16Array(256).fill(-1);
for (const [c, v] of [['"', 0x22], ['\\', 0x5c], ['/', 0x2f], ['b', 0x08], ['f', 0x0c], ['n', 0x0a], ['r', 0x0d], ['t', 0x09]] as const) {
  SIMPLE_ESCAPES[c.charCodeAt(0)] = v;
}

export function isJsonWhitespace(c: number): boolean {
  return c === Ch.Space || c === Ch.Lf || c === Ch.Cr || c === Ch.Tab;
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

function hexValue(c: number): number {
  if (c >= Ch.Zero && c <= Ch.Nine) return c - Ch.Zero;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

export class JsonCursor {
  buf: Uint8Array = new Uint8Array(0);
  end = 0;
  pos = 0;
  /** The body (between the quotes) of the member name memberName() last read. */
  nameStart = 0;
  nameEnd = 0;

  reset(buf: Uint8Array, start: number, end: number): void {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  fail(what: string, at = this.pos): never {
    const found = at < this.end ? `unexpected character 0x${this.buf[at]!.toString(16).padStart(2, '0')}` : 'unexpected end of data';
    throw new JsonSyntaxError(`${found} (${what})`, at);
  }

  /** The byte at pos, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.buf[this.pos]! : -1;
  }

  skipWhitespace(): void {
    while (this.pos < this.end && isJsonWhitespace(this.buf[this.pos]!)) this.pos++;
  }

  expect(byte: number, what: string): void {
    if (this.peek() !== byte) this.fail(what);
    this.pos++;
  }

  /** After a member or element: true if a comma follows (and is consumed), false at the closing byte (consumed). */
  nextItem(close: number): boolean {
    this.skipWhitespace();
    const c = this.peek();
    this.pos++;
    if (c === Ch.Comma) {
      this.skipWhitespace();
      return true;
    }
    if (c !== close) this.fail(close === Ch.RBrace ? "expected ',' or '}'" : "expected ',' or ']'", this.pos - 1);
    return false;
  }

  /** At an object's '{': consumes it and any whitespace; true if the object has members. */
  openObject(): boolean {
    this.pos++;
    this.skipWhitespace();
    if (this.peek() === Ch.RBrace) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** At an array's '[': consumes it and any whitespace; true if the array has elements. */
  openArray(): boolean {
    this.pos++;
    this.skipWhitespace();
    if (this.peek() === Ch.RBracket) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** At a member name: skips it and the colon (and whitespace around it); returns whether the name has escapes. */
  memberName(): boolean {
    if (this.peek() !== Ch.Quote) this.fail('expected a member name');
    this.nameStart = this.pos + 1;
    const escaped = this.skipString();
    this.nameEnd = this.pos - 1;
    this.skipWhitespace();
    this.expect(Ch.Colon, "expected ':'");
    this.skipWhitespace();
    return escaped;
  }

  /** Skips (and validates) the value at pos. */
  skipValue(depth = 0): void {
    const c = this.peek();
    switch (c) {
      case Ch.LBrace:
        if (depth >= MAX_DEPTH) this.fail('nested too deeply');
        if (this.openObject()) {
          do {
            this.memberName();
            this.skipValue(depth + 1);
          } while (this.nextItem(Ch.RBrace));
        }
        return;
      case Ch.LBracket:
        if (depth >= MAX_DEPTH) this.fail('nested too deeply');
        if (this.openArray()) {
          do this.skipValue(depth + 1);
          while (this.nextItem(Ch.RBracket));
        }
        return;
      case Ch.Quote:
        this.skipString();
        return;
      case Ch.LowerT:
        this.literal(TRUE);
        return;
      case Ch.LowerF:
        this.literal(FALSE);
        return;
      case Ch.LowerN:
        this.literal(NULL);
        return;
      default:
        if (c === Ch.Minus || isDigit(c)) this.number();
        else this.fail('expected a value');
    }
  }

  /** At a string's opening quote: moves past the closing quote; returns whether it had escapes. */
  skipString(): boolean {
    const { buf, end } = this;
    let escaped = false;
    let i = this.pos + 1;
    for (;;) {
      let c = -1;
      while (i < end && (c = buf[i]!) !== Ch.Quote && c !== Ch.Backslash && c >= 0x20) i++;
      if (i >= end) this.fail('unterminated string', i);
      if (c === Ch.Quote) break;
      if (c !== Ch.Backslash) this.fail('control character in a string', i);
      escaped = true;
      const e = i + 1 < end ? buf[i + 1]! : -1;
      if (e === Ch.LowerU) {
        for (let k = i + 2; k < i + 6; k++) if (k >= end || hexValue(buf[k]!) < 0) this.fail('invalid \\u escape', k);
        i += 6;
      } else {
        if (e < 0 || SIMPLE_ESCAPES[e]! < 0) this.fail('invalid escape', i + 1);
        i += 2;
      }
    }
    this.pos = i + 1;
    return escaped;
  }

  /** At a string's opening quote: appends its unescaped UTF-8 to `out` and moves past it. */
  copyString(out: ByteBuffer): void {
    const start = this.pos;
    const escaped = this.skipString();
    copyStringBody(this.buf, start + 1, this.pos - 1, escaped, out);
  }

  /**
   * Appends the object or array buf[start, end) as JSON text, without the whitespace runs that hold a
   * line break (outside strings). That is what the guide's examples show for a JSONPath to an object or
   * array: a value spread over indented lines comes out as `["nisi","culpa",...]`, while `{"id": 1,...}`
   * keeps the space after the colon that was on the same line.
   */
  copyCompact(start: number, end: number, out: ByteBuffer): void {
    const buf = this.buf;
    let run = start;
    let i = start;
    while (i < end) {
      const c = buf[i]!;
      if (c === Ch.Quote) {
        // Strings are copied as they are (the cursor already validated them).
        i++;
        while (buf[i] !== Ch.Quote) i += buf[i] === Ch.Backslash ? 2 : 1;
        i++;
      } else if (isJsonWhitespace(c)) {
        let j = i;
        let lineBreak = false;
        while (j < end && isJsonWhitespace(buf[j]!)) {
          if (buf[j] === Ch.Lf || buf[j] === Ch.Cr) lineBreak = true;
          j++;
        }
        if (lineBreak) {
          out.append(buf, run, i);
          run = j;
        }
        i = j;
      } else {
        i++;
      }
    }
    out.append(buf, run, end);
  }

  private literal(word: readonly number[]): void {
    for (let k = 0; k < word.length; k++) if (this.pos + k >= this.end || this.buf[this.pos + k] !== word[k]) this.fail('invalid literal', this.pos + k);
    this.pos += word.length;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    if (this.peek() === Ch.Minus) this.pos++;
    const c = this.peek();
    if (c === Ch.Zero) this.pos++;
    else if (isDigit(c)) this.digits();
    else this.fail('invalid number');
    if (this.peek() === Ch.Dot) {
      this.pos++;
      if (!isDigit(this.peek())) this.fail('invalid number');
      this.digits();
    }
    if ((this.peek() | 0x20) === Ch.LowerE) {
      this.pos++;
      if (this.peek() === Ch.Plus || this.peek() === Ch.Minus) this.pos++;
      if (!isDigit(this.peek())) this.fail('invalid number');
      this.digits();
    }
  }

  private digits(): void {
    while (isDigit(this.peek())) this.pos++;
  }
}

/** Appends the validated string body buf[start, end), unescaped when `escaped`, as UTF-8. */
export function copyStringBody(buf: Uint8Array, start: number, end: number, escaped: boolean, out: ByteBuffer): void {
  if (escaped) unescapeInto(buf, start, end, out);
  else out.append(buf, start, end);
}

function unescapeInto(buf: Uint8Array, start: number, end: number, out: ByteBuffer): void {
  let run = start;
  let i = start;
  while (i < end) {
    if (buf[i] !== Ch.Backslash) {
      i++;
      continue;
    }
    out.append(buf, run, i);
    const e = buf[i + 1]!;
    if (e !== Ch.LowerU) {
      out.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else {
      let code = hex4(buf, i + 2);
      i += 6;
      // A surrogate pair is one code point; a lone surrogate is written as is (the converter rejects it).
      if (code >= 0xd800 && code <= 0xdbff && i + 6 <= end && buf[i] === Ch.Backslash && buf[i + 1] === Ch.LowerU) {
        const low = hex4(buf, i + 2);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        }
      }
      writeUtf8(code, out);
    }
    run = i;
  }
  out.append(buf, run, end);
}

function hex4(buf: Uint8Array, at: number): number {
  return (hexValue(buf[at]!) << 12) | (hexValue(buf[at + 1]!) << 8) | (hexValue(buf[at + 2]!) << 4) | hexValue(buf[at + 3]!);
}

function writeUtf8(code: number, out: ByteBuffer): void {
  if (code < 0x80) {
    out.push(code);
  } else if (code < 0x800) {
    out.push(0xc0 | (code >> 6));
    out.push(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out.push(0xe0 | (code >> 12));
    out.push(0x80 | ((code >> 6) & 0x3f));
    out.push(0x80 | (code & 0x3f));
  } else {
    out.push(0xf0 | (code >> 18));
    out.push(0x80 | ((code >> 12) & 0x3f));
    out.push(0x80 | ((code >> 6) & 0x3f));
    out.push(0x80 | (code & 0x3f));
  }
}
