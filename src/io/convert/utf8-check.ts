/**
 * UTF-8 validation for VARCHAR values, with Redshift's numbered problems (dg:multi-byte-character-load-errors.md):
 *  1 sequence longer than four bytes (lead byte F8..FD)    2 incomplete sequence at the end of the value
 *  3 byte that cannot start a character (80..BF, FE, FF)  4 continuation byte out of range
 *  5 surrogate (U+D800..U+DFFF)                            6 noncharacter U+FDD0..U+FDEF
 *  7 noncharacter U+xFFFE / U+xFFFF                        8 code point above U+10FFFF
 *  9 no matching code point (overlong encoding)
 * Noncharacters (6, 7) are valid UTF-8 that COPY loads as they are; ACCEPTINVCHARS replaces them
 * too. With ACCEPTINVCHARS each invalid sequence is overwritten in place by the replacement
 * character repeated to the sequence's byte length (a bad 3-byte sequence becomes `???`).
 */

/** The sequence examined last: its byte length and, when not a valid character, its problem number. */
const sequence = { length: 0, problem: 0 };

/** The problem checkUtf8 stopped at. */
export const utf8Problem = { number: 0, start: 0, end: 0 };

/**
 * Set by checkUtf8 whenever it replaces a sequence; never cleared here. The row converter clears it
 * per record and reads it after each field, to log the record's first replaced column in
 * STL_REPLACEMENTS without a return value or an allocation on the load path.
 */
export const utf8Replaced = { any: false };

function isContinuation(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/** Examines the sequence at buf[i] (a byte >= 0x80) into `sequence`; problem 0 means a valid character. */
function examine(buf: Uint8Array, i: number, end: number): void {
  const lead = buf[i]!;
  if (lead < 0xc0 || lead >= 0xfe) {
    sequence.length = 1;
    sequence.problem = 3;
    return;
  }
  const need = lead >= 0xf8 ? (lead >= 0xfc ? 5 : 4) : lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
  let k = 1;
  while (k <= need && i + k < end && isContinuation(buf[i + k])) k++;
  sequence.length = k;
  if (need > 3) {
    sequence.problem = 1;
    return;
  }
  if (k <= need) {
    sequence.problem = i + k >= end ? 2 : 4;
    return;
  }
  let cp = need === 1 ? lead & 0x1f : need === 2 ? lead & 0x0f : lead & 0x07;
  for (let j = 1; j <= need; j++) cp = (cp << 6) | (buf[i + j]! & 0x3f);
  const minimum = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (cp < minimum) sequence.problem = 9;
  else if (cp > 0x10ffff) sequence.problem = 8;
  else if (cp >= 0xd800 && cp <= 0xdfff) sequence.problem = 5;
  else if (cp >= 0xfdd0 && cp <= 0xfdef) sequence.problem = 6;
  else if ((cp & 0xfffe) === 0xfffe) sequence.problem = 7;
  else sequence.problem = 0;
}

/**
 * Checks buf[start, end): true when valid, else false with the first problem in utf8Problem. With a
 * replacement byte (else -1), invalid sequences and noncharacters are replaced in place instead, and
 * the bytes are then always valid.
 */
export function checkUtf8(buf: Uint8Array, start: number, end: number, replacement: number): boolean {
  let i = start;
  while (i < end) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    examine(buf, i, end);
    const problem = sequence.problem;
    const next = i + sequence.length;
    if (problem !== 0) {
      if (replacement >= 0) {
        buf.fill(replacement, i, next);
        utf8Replaced.any = true;
      } else if (problem !== 6 && problem !== 7) {
        utf8Problem.number = problem;
        utf8Problem.start = i;
        utf8Problem.end = next;
        return false;
      }
    }
    i = next;
  }
  return true;
}

/** The bytes as lower-case hex pairs separated by spaces (`ef bf bf`). */
export function hexBytes(buf: Uint8Array, start: number, end: number): string {
  const parts: string[] = [];
  for (let i = start; i < end; i++) parts.push(buf[i]!.toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/** The end of the character starting at buf[i] (at most 4 bytes, never past `end`). */
export function characterEnd(buf: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  while (j < end && j < i + 4 && isContinuation(buf[j])) j++;
  return j;
}
