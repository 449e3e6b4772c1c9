/**
 * CHAR(n) and VARCHAR(n) fields, copied byte for byte into the vector (lengths are bytes):
 *
 * - CHAR accepts single-byte characters only: a byte >= 0x80 is error 1220 `Multibyte character not
 *   supported for CHAR (Hint: Try using VARCHAR). Invalid char: c3 a9`. The value is blank-padded to n
 *   bytes, as the engine stores CHAR.
 * - VARCHAR accepts UTF-8 of up to four bytes per character; only a value holding a byte >= 0x80 is
 *   validated (the copy loop ORs the bytes together). Invalid UTF-8 is error 1220 `String contains
 *   invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: a4 (error 3)` unless ACCEPTINVCHARS
 *   replaces it. TRIMBLANKS drops trailing whitespace first.
 * - Too long: with TRUNCATECOLUMNS cut to n bytes (VARCHAR never splits a character); otherwise cut only
 *   when the excess is all spaces (as an INSERT does), else 1204 `Char length exceeds DDL length` /
 *   `String length exceeds DDL length`.
 */
import type { Utf8Builder } from './builder-utf8.js';
import { fail, isBlank, LoadErrorCode, OK } from './field-status.js';
import { characterEnd, checkUtf8, hexBytes, utf8Problem } from './utf8-check.js';

const SPACE = 0x20;

/**
 * A DataView over the last source buffer (the fields of a record share it): copying four bytes per
 * step through DataViews (unaligned reads and writes) takes half the time of a byte loop on typical
 * field lengths. The builder keeps the target's view. (Fields of one object, not module-level `let`s,
 * which V8 reads with a hole check each time.)
 */
const source = { bytes: null as Uint8Array | null, view: new DataView(new ArrayBuffer(0)) as DataView };

function viewOfSource(bytes: Uint8Array): DataView {
  if (bytes !== source.bytes) {
    source.bytes = bytes;
    source.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return source.view;
}

/** Copies src[start, start + length) to b.bytes at `at`; true when a byte >= 0x80 was among them (not ASCII). */
function copyAndCheck(b: Utf8Builder, at: number, src: Uint8Array, start: number, length: number): boolean {
  const out = b.bytes;
  let acc = 0;
  let k = 0;
  if (length >= 8) {
    const from = viewOfSource(src);
    const to = b.view;
    for (; k + 4 <= length; k += 4) {
      const word = from.getInt32(start + k, true);
      acc |= word;
      to.setInt32(at + k, word, true);
    }
  }
  for (; k < length; k++) {
    const c = src[start + k]!;
    acc |= c;
    out[at + k] = c;
  }
  return (acc & 0x80808080) !== 0;
}

function allSpaces(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== SPACE) return false;
  return true;
}

export function convertChar(b: Utf8Builder, bytes: Uint8Array, start: number, end: number, n: number, truncate: boolean): number {
  let length = end - start;
  if (length > n) {
    if (!truncate && !allSpaces(bytes, start + n, end)) return fail(LoadErrorCode.outOfRange, 'Char length exceeds DDL length');
    length = n;
  }
  const out = b.reserve(n);
  const at = b.pos;
  if (copyAndCheck(b, at, bytes, start, length)) return multibyteInChar(bytes, start, start + length);
  // The blank padding, four at a time (fill() costs a builtin call that short runs do not repay).
  let k = at + length;
  const padEnd = at + n;
  if (k + 4 <= padEnd) {
    const to = b.view;
    for (; k + 4 <= padEnd; k += 4) to.setInt32(k, 0x20202020, true);
  }
  for (; k < padEnd; k++) out[k] = SPACE;
  b.commit(at + n);
  return OK;
}

function multibyteInChar(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (bytes[i]! < 0x80) i++;
  const hex = hexBytes(bytes, i, characterEnd(bytes, i, end));
  return fail(LoadErrorCode.invalidUtf8, `Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: ${hex}`);
}

/** `replacement`: the ACCEPTINVCHARS byte, or -1. */
export function convertVarchar(b: Utf8Builder, bytes: Uint8Array, start: number, end: number, n: number, truncate: boolean, trimBlanks: boolean, replacement: number): number {
  let e = end;
  if (trimBlanks) while (e > start && isBlank(bytes[e - 1]!)) e--;
  const length = e - start;
  const out = b.reserve(length);
  const at = b.pos;
  if (copyAndCheck(b, at, bytes, start, length) && !checkUtf8(out, at, at + length, replacement)) {
    const hex = hexBytes(out, utf8Problem.start, utf8Problem.end);
    return fail(LoadErrorCode.invalidUtf8, `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${hex} (error ${utf8Problem.number})`);
  }
  let keep = length;
  if (length > n) {
    if (truncate) {
      keep = n;
      while (keep > 0 && (out[at + keep]! & 0xc0) === 0x80) keep--;
    } else if (allSpaces(out, at + n, at + length)) {
      keep = n;
    } else {
      return fail(LoadErrorCode.outOfRange, 'String length exceeds DDL length');
    }
  }
  b.commit(at + keep);
  return OK;
}

/** An empty string (a missing VARCHAR field under FILLRECORD). */
export function pushEmptyString(b: Utf8Builder): number {
  b.commit(b.pos);
  return OK;
}
