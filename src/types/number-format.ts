/**
 * Numeric format strings (TO_CHAR of numbers, TO_NUMBER), PostgreSQL's model:
 * 9 digit (blank when a leading zero), 0 digit (zero kept), D or . decimal point, G or , group
 * separator, S / MI / PL / SG signs, PR angle brackets for negatives, L currency symbol ($),
 * RN roman numerals, TH ordinal suffix, V shift, EEEE scientific notation, FM fill mode (no padding,
 * no trailing zeros). Without an explicit sign a sign slot precedes the first digit:
 * to_char(-125.8, '999D99S') = '125.80-', to_char(5, '999') = '   5'. Parsed formats are cached.
 */
import { SqlError, SqlState } from './errors.js';
import { divideRounded, parseDecimal, pow10 } from './decimal.js';
import { ordinalSuffix } from './datetime-format.js';
import { toRoman } from './roman.js';

type Token =
  | { readonly kind: 'digit'; readonly zero: boolean; readonly fraction: boolean }
  | { readonly kind: 'decimal' }
  | { readonly kind: 'group' }
  | { readonly kind: 'sign'; readonly which: 'S' | 'MI' | 'PL' | 'SG' }
  | { readonly kind: 'PR' }
  | { readonly kind: 'currency' }
  | { readonly kind: 'roman'; readonly lower: boolean }
  | { readonly kind: 'ordinal'; readonly lower: boolean }
  | { readonly kind: 'literal'; readonly text: string };

export interface NumberFormat {
  readonly tokens: readonly Token[];
  /** Digit positions before / after the decimal point (V's digits count as integer positions). */
  readonly integerDigits: number;
  readonly fractionDigits: number;
  /** Digits after V: the value is multiplied by 10^shift. */
  readonly shift: number;
  /** Index (among integer positions) of the first '0', or -1: positions from there print leading zeros. */
  readonly zeroFrom: number;
  /** Fraction positions up to the last '0' always print, even in fill mode. */
  readonly fractionZeroEnd: number;
  readonly fillMode: boolean;
  /** Where the sign goes: a slot floating before the number, or an explicit S/MI/PL/SG after digits started. */
  readonly floatingSign: 'default' | 'S' | 'PR' | null;
  readonly scientific: boolean;
}

function parseUncached(format: string): NumberFormat {
  const tokens: Token[] = [];
  let integerDigits = 0;
  let fractionDigits = 0;
  let shift = 0;
  let zeroFrom = -1;
  let fractionZeroEnd = 0;
  let fillMode = false;
  let scientific = false;
  let inFraction = false;
  let afterV = false;
  let sawDigit = false;
  let floatingSign: NumberFormat['floatingSign'] = 'default';
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    const two = format.slice(i, i + 2).toUpperCase();
    if (c === '9' || c === '0') {
      sawDigit = true;
      if (inFraction) {
        fractionDigits++;
        if (c === '0') fractionZeroEnd = fractionDigits;
        tokens.push({ kind: 'digit', zero: c === '0', fraction: true });
      } else {
        if (c === '0' && zeroFrom < 0) zeroFrom = integerDigits;
        integerDigits++;
        if (afterV) shift++;
        tokens.push({ kind: 'digit', zero: c === '0', fraction: false });
      }
      i++;
    } else if ((c === '.' || c === 'D' || c === 'd') && !inFraction) {
      inFraction = true;
      tokens.push({ kind: 'decimal' });
      i++;
    } else if (c === ',' || c === 'G' || c === 'g') {
      tokens.push({ kind: 'group' });
      i++;
    } else if (two === 'FM') {
      fillMode = true;
      i += 2;
    } else if (two === 'PR') {
      floatingSign = 'PR';
      tokens.push({ kind: 'PR' });
      i += 2;
    } else if (two === 'MI' || two === 'PL' || two === 'SG') {
      floatingSign = null;
      tokens.push({ kind: 'sign', which: two });
      i += 2;
    } else if (two === 'RN') {
      tokens.push({ kind: 'roman', lower: format[i] === 'r' });
      i += 2;
    } else if (two === 'TH') {
      tokens.push({ kind: 'ordinal', lower: format[i] === 't' });
      i += 2;
    } else if (format.slice(i, i + 4).toUpperCase() === 'EEEE') {
      scientific = true;
      i += 4;
    } else if (c === 'S' || c === 's') {
      // S before the digits floats with the number ('S999' -> '  +5'); after them it is printed in place.
      if (sawDigit) {
        floatingSign = null;
        tokens.push({ kind: 'sign', which: 'S' });
      } else floatingSign = 'S';
      i++;
    } else if (c === 'L' || c === 'l') {
      tokens.push({ kind: 'currency' });
      i++;
    } else if (c === 'V' || c === 'v') {
      afterV = true;
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < format.length && format[i] !== '"') {
        if (format[i] === '\\' && i + 1 < format.length) i++;
        text += format[i++];
      }
      i++;
      tokens.push({ kind: 'literal', text });
    } else {
      tokens.push({ kind: 'literal', text: c });
      i++;
    }
  }
  return { tokens, integerDigits, fractionDigits, shift, zeroFrom, fractionZeroEnd, fillMode, floatingSign, scientific };
}

const cache = new Map<string, NumberFormat>();

export function parseNumberFormat(format: string): NumberFormat {
  let f = cache.get(format);
  if (!f) {
    f = parseUncached(format);
    if (cache.size > 500) cache.clear();
    cache.set(format, f);
  }
  return f;
}

/** A number as TO_CHAR sees it: exact scaled integer (DECIMAL, integers) or a double. */
export type NumberInput = { readonly scaled: bigint; readonly scale: number } | { readonly float: number };

interface Digits {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for zero when there is a fraction). */
  readonly integer: string;
  /** Exactly `fractionDigits` digits. */
  readonly fraction: string;
}

/** The value rounded half away from zero to `fractionDigits` places, after the V shift. */
function toDigits(x: NumberInput, fractionDigits: number, shift: number): Digits | null {
  let negative: boolean;
  let text: string;
  if ('scaled' in x) {
    const places = fractionDigits + shift;
    const v = places >= x.scale ? x.scaled * pow10(places - x.scale) : divideRounded(x.scaled, pow10(x.scale - places), 'round');
    negative = v < 0n;
    // v is the value times 10^(fraction digits + shift): the shifted digits stay in the integer part.
    text = (negative ? -v : v).toString().padStart(fractionDigits + 1, '0');
    text = `${text.slice(0, text.length - fractionDigits)}.${text.slice(text.length - fractionDigits)}`;
  } else {
    if (!Number.isFinite(x.float)) return null;
    // Doubles print with their 15 significant digits, as PostgreSQL does.
    const v = Number(x.float.toPrecision(15)) * 10 ** shift;
    negative = v < 0;
    const abs = Math.abs(v);
    text = abs < 1e21 ? abs.toFixed(fractionDigits) : `${BigInt(abs)}.${'0'.repeat(fractionDigits)}`;
  }
  const dot = text.indexOf('.');
  let integer = (dot < 0 ? text : text.slice(0, dot)).replace(/^0+/, '');
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  if (integer === '' && fractionDigits === 0) integer = '0';
  const isZero = integer.replace(/0/g, '') === '' && fraction.replace(/0/g, '') === '';
  return { negative: negative && !isZero, integer, fraction: fraction.padEnd(fractionDigits, '0').slice(0, fractionDigits) };
}

function roman(x: NumberInput, lower: boolean, fillMode: boolean): string {
  const n = 'scaled' in x ? Number(divideRounded(x.scaled, pow10(x.scale), 'round')) : Math.round(x.float);
  if (!(n >= 1 && n <= 3999)) return '#'.repeat(15);
  const r = lower ? toRoman(n).toLowerCase() : toRoman(n);
  return fillMode ? r : r.padStart(15);
}

function scientificText(x: NumberInput, f: NumberFormat): string {
  const v = 'scaled' in x ? Number(x.scaled) / 10 ** x.scale : x.float;
  if (!Number.isFinite(v)) return ` ${'#'.repeat(f.integerDigits + f.fractionDigits + 5)}`;
  const [mantissa, exponent] = Math.abs(v).toExponential(f.fractionDigits).split('e') as [string, string];
  const e = Number(exponent);
  const sign = v < 0 ? '-' : f.fillMode ? '' : ' ';
  return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** TO_CHAR(number, format). */
export function formatNumberWith(x: NumberInput, format: string): string {
  const f = parseNumberFormat(format);
  if (f.scientific) return scientificText(x, f);
  const d = toDigits(x, f.fractionDigits, f.shift);
  const overflow = d === null || d.integer.length > f.integerDigits;
  const negative = d?.negative ?? false;
  const leading = overflow ? 0 : f.integerDigits - d.integer.length;
  const blank = f.fillMode ? '' : ' ';
  let signPending = f.floatingSign !== null;
  const signSlot = (): string => {
    if (!signPending) return '';
    signPending = false;
    if (overflow) return blank;
    switch (f.floatingSign) {
      case 'S': return negative ? '-' : '+';
      case 'PR': return negative ? '<' : blank;
      default: return negative ? '-' : blank;
    }
  };
  // In fill mode, fraction 9s after the last significant digit are dropped.
  let keepFraction = f.fractionDigits;
  if (f.fillMode && d) {
    keepFraction = Math.max(d.fraction.replace(/0+$/, '').length, f.fractionZeroEnd);
  }
  let out = '';
  let integerIndex = 0;
  let fractionIndex = 0;
  let started = false;
  for (const t of f.tokens) {
    switch (t.kind) {
      case 'digit':
        if (t.fraction) {
          const j = fractionIndex++;
          if (overflow) out += '#';
          else if (j < keepFraction) out += d!.fraction[j];
        } else {
          const k = integerIndex++;
          if (overflow) {
            out += signSlot() + '#';
          } else if (k >= leading) {
            out += signSlot() + d!.integer[k - leading];
            started = true;
          } else if (f.zeroFrom >= 0 && k >= f.zeroFrom) {
            out += signSlot() + '0';
            started = true;
          } else out += blank;
        }
        break;
      case 'decimal':
        out += `${signSlot()}.`;
        break;
      case 'group':
        out += started ? ',' : blank;
        break;
      case 'sign':
        if (t.which === 'MI') out += negative ? '-' : blank;
        else if (t.which === 'PL') out += negative ? blank : '+';
        else out += negative ? '-' : '+';
        break;
      case 'PR':
        out += negative ? '>' : blank;
        break;
      case 'currency':
        out += '$';
        break;
      case 'roman':
        out += roman(x, t.lower, f.fillMode);
        break;
      case 'ordinal':
        if (d && !overflow) out += t.lower ? ordinalSuffix(Number(d.integer || '0')) : ordinalSuffix(Number(d.integer || '0')).toUpperCase();
        break;
      case 'literal':
        out += t.text;
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------- TO_NUMBER

/** The scale TO_NUMBER gives a format's result: its digit positions after the decimal point. */
export function toNumberScale(format: string): number {
  return parseNumberFormat(format).fractionDigits;
}

/**
 * TO_NUMBER(text, format) as a scaled DECIMAL(38, scale): digits are read in order (at most the
 * format's integer positions before the decimal point), group separators, currency symbols and
 * blanks are skipped, and '-' or angle brackets (PR) make the value negative.
 */
export function parseNumberWith(text: string, format: string, scale: number): bigint {
  const f = parseNumberFormat(format);
  const hasDecimal = f.tokens.some((t) => t.kind === 'decimal');
  const dot = hasDecimal ? text.indexOf('.') : -1;
  const before = (dot < 0 ? text : text.slice(0, dot)).replace(/\D/g, '');
  const after = dot < 0 ? '' : text.slice(dot + 1).replace(/\D/g, '');
  if (before === '' && after === '') throw new SqlError(SqlState.invalidTextRepresentation, `invalid input syntax for type numeric: " "`);
  const integer = before.slice(0, Math.max(f.integerDigits, 1));
  const negative = text.includes('-') || (f.floatingSign === 'PR' && text.includes('<'));
  return parseDecimal(`${negative ? '-' : ''}${integer || '0'}.${after || '0'}`, 38, scale);
}
