/**
 * Converting one field of a record into its column's builder, by the column's type. A switch over a
 * small integer kind with direct calls (which V8 inlines) measured faster on the load path than one
 * closure per column behind a megamorphic call.
 *
 * convertField gets a field that is not NULL by the record's own account (JSON null, NULL AS) and
 * returns OK, IS_NULL (empty or blank for a non-character type; EMPTYASNULL, BLANKSASNULL; an
 * unparsable date under ACCEPTANYDATE) or FAILED (details in field-status.ts `failure`).
 */
import type { SqlType } from '../../types/datatype.js';
import type { ConversionOptions } from '../load-options.js';
import type { Utf8Builder } from './builder-utf8.js';
import type { BoolBuilder, Decimal128Builder, Float32Builder, Float64Builder, Int16Builder, Int32Builder, Int64Builder } from './builders-fixed.js';
import { DateTimeConverter } from './convert-datetime.js';
import { convertChar, convertVarchar } from './convert-string.js';
import { IS_NULL, isBlank } from './field-status.js';
import { convertBoolean } from './parse-boolean.js';
import { convertDecimal } from './parse-decimal.js';
import { convertDouble, convertReal } from './parse-float.js';
import { convertBigint, convertInteger, convertSmallint } from './parse-integer.js';
import type { AnyBuilder } from './vector-builder.js';

const SMALLINT = 0;
const INTEGER = 1;
const BIGINT = 2;
const DECIMAL = 3;
const REAL = 4;
const DOUBLE = 5;
const BOOLEAN = 6;
const CHAR = 7;
const VARCHAR = 8;
const DATE = 9;
const TIMESTAMP = 10;
const TIME = 11;

/** The kinds the fast path of delimited text (fast-text.ts) parses itself. */
export const FieldKind = { integer: INTEGER, bigint: BIGINT, decimal: DECIMAL, date: DATE } as const;

function kindOf(t: SqlType): number {
  switch (t.kind) {
    case 'smallint': return SMALLINT;
    case 'integer': return INTEGER;
    case 'bigint': return BIGINT;
    case 'decimal': return DECIMAL;
    case 'real': return REAL;
    case 'double': return DOUBLE;
    case 'boolean': return BOOLEAN;
    case 'char': return CHAR;
    case 'varchar': return VARCHAR;
    case 'date': return DATE;
    case 'timestamp':
    case 'timestamptz': return TIMESTAMP;
    case 'time': return TIME;
    case 'interval':
    case 'unknown': throw new Error(`COPY cannot load a column of type ${t.kind}`);
  }
}

/** A column fed from a field of the record. One class, so every access to it is monomorphic. */
export class FieldColumn {
  readonly kind: number;
  /** CHAR/VARCHAR length, DECIMAL precision. */
  readonly size: number;
  readonly scale: number;
  readonly datetime: DateTimeConverter | null;

  constructor(readonly name: string, readonly type: SqlType, readonly field: number, readonly notNull: boolean, readonly builder: AnyBuilder, conversion: ConversionOptions) {
    this.kind = kindOf(type);
    this.size = type.kind === 'char' || type.kind === 'varchar' ? type.length : type.kind === 'decimal' ? type.precision : 0;
    this.scale = type.kind === 'decimal' ? type.scale : 0;
    const k = type.kind;
    this.datetime = k === 'date' || k === 'timestamp' || k === 'timestamptz' || k === 'time' ? new DateTimeConverter(k, conversion) : null;
  }

  /** A missing VARCHAR field under FILLRECORD may be an empty string (the other types are NULL). */
  get isVarchar(): boolean {
    return this.kind === VARCHAR;
  }
}

/** The conversion parameters the field conversions read, in one object of one shape. */
export class FieldOptions {
  readonly emptyAsNull: boolean;
  readonly blanksAsNull: boolean;
  readonly truncate: boolean;
  readonly trimBlanks: boolean;
  /** The ACCEPTINVCHARS byte, or -1. */
  readonly replacement: number;
  readonly roundDec: boolean;

  constructor(o: ConversionOptions) {
    this.emptyAsNull = o.emptyAsNull;
    this.blanksAsNull = o.blanksAsNull;
    this.truncate = o.truncateColumns;
    this.trimBlanks = o.trimBlanks;
    this.replacement = o.acceptInvChars === null ? -1 : o.acceptInvChars.charCodeAt(0);
    this.roundDec = o.roundDec;
  }
}

function allBlank(bytes: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isBlank(bytes[i]!)) return false;
  return true;
}

export function convertField(c: FieldColumn, o: FieldOptions, bytes: Uint8Array, s: number, e: number): number {
  switch (c.kind) {
    case INTEGER: return convertInteger(c.builder as Int32Builder, bytes, s, e);
    case DECIMAL: return convertDecimal(c.builder as Decimal128Builder, bytes, s, e, c.size, c.scale, o.roundDec);
    case DATE: return c.datetime!.convertDate(c.builder as Int32Builder, bytes, s, e);
    case CHAR:
      if (s === e ? o.emptyAsNull : o.blanksAsNull && allBlank(bytes, s, e)) return IS_NULL;
      return convertChar(c.builder as Utf8Builder, bytes, s, e, c.size, o.truncate);
    case VARCHAR:
      if (s === e ? o.emptyAsNull : o.blanksAsNull && allBlank(bytes, s, e)) return IS_NULL;
      return convertVarchar(c.builder as Utf8Builder, bytes, s, e, c.size, o.truncate, o.trimBlanks, o.replacement);
    case SMALLINT: return convertSmallint(c.builder as Int16Builder, bytes, s, e);
    case BIGINT: return convertBigint(c.builder as Int64Builder, bytes, s, e);
    case REAL: return convertReal(c.builder as Float32Builder, bytes, s, e);
    case DOUBLE: return convertDouble(c.builder as Float64Builder, bytes, s, e);
    case BOOLEAN: return convertBoolean(c.builder as BoolBuilder, bytes, s, e);
    case TIMESTAMP: return c.datetime!.convertTimestamp(c.builder as Int64Builder, bytes, s, e);
    default: return c.datetime!.convertTime(c.builder as Int64Builder, bytes, s, e);
  }
}
