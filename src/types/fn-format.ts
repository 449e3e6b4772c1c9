/** TO_CHAR, TO_DATE, TO_TIMESTAMP and TO_NUMBER over the format models in datetime-format.ts and number-format.ts. */
import { DATE, TIMESTAMPTZ, decimalType, isStringType, varcharType, type SqlType } from './datatype.js';
import { MICROS_PER_DAY } from './datetime.js';
import { formatTimestampWith } from './datetime-format.js';
import { parseWithFormat } from './datetime-parse.js';
import { formatNumberWith, parseNumberWith, toNumberScale } from './number-format.js';
import { parametricId, registerFactory } from './registry.js';
import { defineCustom, defineFunction, type Overload } from './signatures.js';
import { textTypeFor } from './text-conversion.js';

const TO_CHAR_RESULT = varcharType(256);

const scaleOf = (t: SqlType): number => (t.kind === 'decimal' ? t.scale : 0);

const toCharOverloads: Overload[] = [
  { params: ['timestamp', 'text'], returns: TO_CHAR_RESULT, fn: (t, f) => formatTimestampWith(t as number, f as string) },
  { params: ['timestamptz', 'text'], returns: TO_CHAR_RESULT, fn: (t, f) => formatTimestampWith(t as number, f as string) },
  {
    params: ['numeric', 'text'],
    returns: TO_CHAR_RESULT,
    parametric: true,
    fn: (a) => {
      const scale = scaleOf(a[0]!);
      return (v, f) => formatNumberWith({ scaled: v as bigint, scale }, f as string);
    },
  },
  { params: ['int4', 'text'], returns: TO_CHAR_RESULT, fn: (v, f) => formatNumberWith({ scaled: BigInt(v as number), scale: 0 }, f as string) },
  { params: ['int8', 'text'], returns: TO_CHAR_RESULT, fn: (v, f) => formatNumberWith({ scaled: v as bigint, scale: 0 }, f as string) },
  { params: ['float8', 'text'], returns: TO_CHAR_RESULT, fn: (v, f) => formatNumberWith({ float: v as number }, f as string) },
];
defineFunction('to_char', toCharOverloads);

const dayOf = (micros: number): number => Math.floor(micros / MICROS_PER_DAY);

defineFunction('to_date', [
  { params: ['text', 'text'], returns: DATE, fn: (s, f) => dayOf(parseWithFormat(s as string, f as string, false)) },
  { params: ['text', 'text', 'bool'], returns: DATE, fn: (s, f, strict) => dayOf(parseWithFormat(s as string, f as string, strict as boolean)) },
]);

defineFunction('to_timestamp', [
  { params: ['text', 'text'], returns: TIMESTAMPTZ, fn: (s, f) => parseWithFormat(s as string, f as string, false) },
  { params: ['text', 'text', 'bool'], returns: TIMESTAMPTZ, fn: (s, f, strict) => parseWithFormat(s as string, f as string, strict as boolean) },
]);

/** TO_NUMBER's scale when its format is not a known constant. */
const DEFAULT_TO_NUMBER_SCALE = 10;
const TO_NUMBER_ID = 'to_number(varchar,varchar)';

registerFactory(TO_NUMBER_ID, ([scale]) => ({ fn: (s, f) => parseNumberWith(s as string, f as string, scale!), strict: true }));

const textLike = (t: SqlType): boolean => isStringType(t) || t.kind === 'unknown';

// TO_NUMBER(text, format) -> DECIMAL(38, s), s = the format's digits after the decimal point.
defineCustom('to_number', (args, constants) => {
  if (args.length !== 2 || !textLike(args[0]!) || !textLike(args[1]!)) return null;
  const format = constants?.[1];
  const scale = typeof format === 'string' ? Math.min(toNumberScale(format), 37) : DEFAULT_TO_NUMBER_SCALE;
  return { id: parametricId(TO_NUMBER_ID, [scale]), type: decimalType(38, scale), argTypes: args.map(textTypeFor) };
});
