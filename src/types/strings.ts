/**
 * String primitives with Redshift semantics: lengths in UTF-8 bytes, comparison in UTF-8 byte order
 * (no locale), trailing blanks insignificant. Written over UTF-16 code units without allocating,
 * because comparison and hashing run per row.
 */

const SPACE = 0x20;

/** Length of `s` once its trailing blanks (U+0020 only) are dropped. */
export function lengthWithoutTrailingBlanks(s: string): number {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === SPACE) n--;
  return n;
}

export function trimTrailingBlanks(s: string): string {
  const n = lengthWithoutTrailingBlanks(s);
  return n === s.length ? s : s.slice(0, n);
}

/** Bytes `s` takes in UTF-8 (what CHAR(n)/VARCHAR(n) limits and OCTET_LENGTH count). */
export function utf8ByteLength(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: 2 code units, 4 bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** True when every character is one byte in UTF-8 (what CHAR accepts). */
export function isSingleByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** The longest prefix of `s` that fits in `maxBytes` UTF-8 bytes, never splitting a character. */
export function truncateToBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isPair = c >= 0xd800 && c <= 0xdbff;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : isPair ? 4 : 3;
    if (bytes + size > maxBytes) return s.slice(0, i);
    bytes += size;
    if (isPair) i++;
  }
  return s;
}

/** True when s[from..] is all blanks. */
export function isAllBlanksFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) !== SPACE) return false;
  return true;
}

/**
 * UTF-16 code units order like code points (= UTF-8 byte order) except that surrogates
 * (U+D800..U+DFFF, i.e. characters above U+FFFF) sort below U+E000..U+FFFF. Shift them apart.
 */
function codePointOrderKey(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/** Compare in UTF-8 byte order with trailing blanks ignored on both sides ('a' = 'a  '). */
export function compareStrings(a: string, b: string): number {
  const la = lengthWithoutTrailingBlanks(a);
  const lb = lengthWithoutTrailingBlanks(b);
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      if (ca >= 0xd800 && cb >= 0xd800) return codePointOrderKey(ca) - codePointOrderKey(cb);
      return ca - cb;
    }
  }
  return la - lb;
}

/** Number of characters (code points), as LENGTH counts them. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

/** True when `s` has a character outside the Basic Multilingual Plane (needs code-point slicing). */
export function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}
