/**
 * BOOLEAN fields: the literals Redshift documents for BOOLEAN input (reference §7.1), any case,
 * optional surrounding blanks — true: `t`, `true`, `y`, `yes`, `1`; false: `f`, `false`, `n`, `no`,
 * `0`. A blank field is NULL; anything else is error 1210.
 */
import type { BoolBuilder } from './builders-fixed.js';
import { byteText, fail, IS_NULL, isBlank, LoadErrorCode, OK } from './field-status.js';

const TRUE = 1;
const FALSE = 0;
const NEITHER = -1;

/** ASCII lower case of a letter (other bytes unchanged in the comparisons below). */
function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

function matches(bytes: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (lower(bytes[at + k]!) !== word.charCodeAt(k)) return false;
  return true;
}

function booleanWord(bytes: Uint8Array, at: number, length: number): number {
  switch (length) {
    case 1: {
      const c = lower(bytes[at]!);
      if (c === 0x74 /* t */ || c === 0x79 /* y */ || c === 0x31 /* 1 */) return TRUE;
      if (c === 0x66 /* f */ || c === 0x6e /* n */ || c === 0x30 /* 0 */) return FALSE;
      return NEITHER;
    }
    case 2: return matches(bytes, at, 'no') ? FALSE : NEITHER;
    case 3: return matches(bytes, at, 'yes') ? TRUE : NEITHER;
    case 4: return matches(bytes, at, 'true') ? TRUE : NEITHER;
    case 5: return matches(bytes, at, 'false') ? FALSE : NEITHER;
    default: return NEITHER;
  }
}

export function convertBoolean(b: BoolBuilder, bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isBlank(bytes[i]!)) i++;
  if (i === end) return IS_NULL;
  let e = end;
  while (isBlank(bytes[e - 1]!)) e--;
  const word = booleanWord(bytes, i, e - i);
  if (word === NEITHER) {
    let text = '';
    for (let k = i; k < Math.min(e, i + 40); k++) text += byteText(bytes[k]);
    return fail(LoadErrorCode.booleanFormat, `Invalid input syntax for type boolean, Value '${text}'`);
  }
  b.push(word === TRUE);
  return OK;
}
