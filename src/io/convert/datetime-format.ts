/**
 * COPY's DATEFORMAT / TIMEFORMAT strings (dg:r_DATEFORMAT_and_TIMEFORMAT_strings.md), compiled once
 * into a list of byte-level steps:
 *   YYYY, YY (2-digit year: 70..99 -> 19xx, 00..69 -> 20xx), MM, MON (month name, abbreviated or
 *   full, any case), DD, HH or HH24 (24-hour — unlike TO_CHAR), HH12, MI, SS (optionally followed by a
 *   fraction of up to microseconds), AM / PM; anything else is a separator.
 * Reading: numeric parts take 1..width digits (`2/18/2008` matches MM/DD/YYYY, as TICKIT's sales file
 * needs); a blank in the format skips any blanks; another separator matches itself or any other
 * non-alphanumeric byte. When the text ends where only time parts are left, the time is 00:00:00
 * (a TIMESTAMP source without a time); a DATE stops after its last date part, ignoring a time.
 */
import { MONTH_NAMES } from '../../types/datetime-format.js';

const YEAR4 = 1;
const YEAR2 = 2;
const MONTH = 3;
const MONTH_NAME = 4;
const DAY = 5;
const HOUR = 6;
const MINUTE = 7;
const SECOND = 8;
const MERIDIEM = 9;
const BLANKS = 10;
const SEPARATOR = 11;

export interface CompiledFormat {
  readonly text: string;
  readonly ops: Uint8Array;
  /** Per op: the width of a numeric part, or the separator's byte. */
  readonly args: Uint8Array;
  /** Index of the first op after which no date part (year, month, day) follows. */
  readonly dateDone: number;
  readonly hasTime: boolean;
}

/** Fields read by readFormat (reused: one conversion at a time). */
export const parts = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, micros: 0, meridiem: -1, twoDigitYear: false, end: 0 };

const KEYWORDS: readonly [string, number, number][] = [
  ['YYYY', YEAR4, 4], ['YY', YEAR2, 2], ['MON', MONTH_NAME, 0], ['MM', MONTH, 2], ['MI', MINUTE, 2], ['DD', DAY, 2],
  ['HH24', HOUR, 2], ['HH12', HOUR, 2], ['HH', HOUR, 2], ['SS', SECOND, 2], ['AM', MERIDIEM, 0], ['PM', MERIDIEM, 0],
];

export function compileFormat(text: string): CompiledFormat {
  const ops: number[] = [];
  const args: number[] = [];
  const upper = text.toUpperCase();
  let i = 0;
  while (i < upper.length) {
    const keyword = KEYWORDS.find(([k]) => upper.startsWith(k, i));
    if (keyword) {
      ops.push(keyword[1]);
      args.push(keyword[2]);
      i += keyword[0].length;
    } else if (upper[i] === ' ') {
      ops.push(BLANKS);
      args.push(0);
      while (upper[i] === ' ') i++;
    } else {
      ops.push(SEPARATOR);
      args.push(text.charCodeAt(i) & 0xff);
      i++;
    }
  }
  let dateDone = 0;
  ops.forEach((op, k) => {
    if (op === YEAR4 || op === YEAR2 || op === MONTH || op === MONTH_NAME || op === DAY) dateDone = k + 1;
  });
  const hasTime = ops.some((op) => op === HOUR || op === MINUTE || op === SECOND);
  return { text, ops: Uint8Array.from(ops), args: Uint8Array.from(args), dateDone, hasTime };
}

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a);
}

function isBlankByte(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

const MONTH_BYTES: readonly Uint8Array[] = MONTH_NAMES.map((m) => Uint8Array.from(m.toLowerCase(), (c) => c.charCodeAt(0)));

/** The month (1..12) whose full or 3-letter name starts at bytes[i]; sets parts.end past it. 0 if none. */
function readMonthName(bytes: Uint8Array, i: number, end: number): number {
  for (const full of [true, false]) {
    for (let m = 0; m < 12; m++) {
      const name = MONTH_BYTES[m]!;
      const length = full ? name.length : 3;
      if (i + length > end) continue;
      let k = 0;
      while (k < length && (bytes[i + k]! | 0x20) === name[k]) k++;
      if (k === length) {
        parts.end = i + length;
        return m + 1;
      }
    }
  }
  return 0;
}

/**
 * Reads bytes[start, end) by the format into `parts` (parts.end: where reading stopped). `dateOnly`
 * stops after the last date part. False when the text does not match.
 */
export function readFormat(f: CompiledFormat, bytes: Uint8Array, start: number, end: number, dateOnly: boolean): boolean {
  parts.year = 1;
  parts.month = 1;
  parts.day = 1;
  parts.hour = 0;
  parts.minute = 0;
  parts.second = 0;
  parts.micros = 0;
  parts.meridiem = -1;
  parts.twoDigitYear = false;
  const { ops, args } = f;
  const count = dateOnly ? f.dateDone : ops.length;
  let i = start;
  for (let k = 0; k < count; k++) {
    const op = ops[k]!;
    if (i >= end) {
      if (k >= f.dateDone) break;
      return false;
    }
    if (op === BLANKS) {
      while (i < end && isBlankByte(bytes[i]!)) i++;
      continue;
    }
    if (op === SEPARATOR) {
      const b = bytes[i]!;
      if (b !== args[k] && isAlnum(b)) return false;
      i++;
      continue;
    }
    if (op === MONTH_NAME) {
      const month = readMonthName(bytes, i, end);
      if (month === 0) return false;
      parts.month = month;
      i = parts.end;
      continue;
    }
    if (op === MERIDIEM) {
      const a = bytes[i]! | 0x20;
      if ((a !== 0x61 && a !== 0x70) || i + 1 >= end || (bytes[i + 1]! | 0x20) !== 0x6d) return false;
      parts.meridiem = a === 0x70 ? 1 : 0;
      i += 2;
      continue;
    }
    // A numeric part: 1..width digits.
    const width = args[k]!;
    let value = 0;
    const digitsStart = i;
    while (i < end && i - digitsStart < width) {
      const d = bytes[i]! - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    if (i === digitsStart) return false;
    switch (op) {
      case YEAR4: parts.year = value; break;
      case YEAR2: parts.year = value; parts.twoDigitYear = true; break;
      case MONTH: parts.month = value; break;
      case DAY: parts.day = value; break;
      case HOUR: parts.hour = value; break;
      case MINUTE: parts.minute = value; break;
      default: // SECOND, with an optional fraction unless the format itself goes on with '.'
        parts.second = value;
        if (i + 1 < end && bytes[i] === 0x2e && !(ops[k + 1] === SEPARATOR && args[k + 1] === 0x2e)) i = readFraction(bytes, i + 1, end);
        break;
    }
  }
  parts.end = i;
  // A DATE read up to its last date part must not stop inside a number ('2008-01-255').
  if (dateOnly && i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) return false;
  return true;
}

/** Fraction digits at bytes[i..] into parts.micros (rounded half up at the 7th digit, as the engine does); returns the end. */
export function readFraction(bytes: Uint8Array, i: number, end: number): number {
  let scaled = 0;
  let taken = 0;
  while (i < end) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    if (taken < 7) {
      scaled = scaled * 10 + d;
      taken++;
    }
    i++;
  }
  while (taken < 7) {
    scaled *= 10;
    taken++;
  }
  parts.micros = Math.floor((scaled + 5) / 10);
  return i;
}
