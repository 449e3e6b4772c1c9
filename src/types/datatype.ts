/**
 * Redshift data types as the engine sees them.
 *
 * In-engine value representation (what expression kernels and operators pass around; NULL is `null`):
 *
 * | SQL type                 | JS value in the engine                         |
 * |--------------------------|------------------------------------------------|
 * | SMALLINT, INTEGER        | number (integral)                              |
 * | BIGINT                   | bigint                                         |
 * | DECIMAL(p,s)             | bigint, the value scaled by 10^s (exact)       |
 * | REAL, DOUBLE PRECISION   | number                                         |
 * | BOOLEAN                  | boolean                                        |
 * | CHAR(n)                  | string, blank-padded to n bytes                |
 * | VARCHAR(n)               | string                                         |
 * | DATE                     | number, days since 1970-01-01                  |
 * | TIMESTAMP, TIMESTAMPTZ   | number, microseconds since 1970-01-01 00:00 UTC |
 * | TIME                     | number, microseconds since midnight            |
 * | INTERVAL (expressions)   | Interval {months, days, micros}                |
 * | UNKNOWN (untyped literal)| string or null                                  |
 *
 * Timestamps as doubles are exact to the microsecond between years 1685 and 2255, and exact to the
 * second (which covers sentinels like 9999-12-31 23:59:59) far beyond that.
 */
export type SqlType =
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'char'; readonly length: number }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'timestamptz' }
  | { readonly kind: 'time' }
  | { readonly kind: 'interval' }
  /** An untyped literal ('abc' or NULL) before context gives it a type. */
  | { readonly kind: 'unknown' };

export type TypeKind = SqlType['kind'];

export interface Interval {
  readonly months: number;
  readonly days: number;
  readonly micros: number;
}

/** Longest CHAR and VARCHAR, in bytes. */
export const MAX_CHAR_LENGTH = 4096;
export const MAX_VARCHAR_LENGTH = 65535;
export const MAX_DECIMAL_PRECISION = 38;

export const SMALLINT: SqlType = { kind: 'smallint' };
export const INTEGER: SqlType = { kind: 'integer' };
export const BIGINT: SqlType = { kind: 'bigint' };
export const REAL: SqlType = { kind: 'real' };
export const DOUBLE: SqlType = { kind: 'double' };
export const BOOLEAN: SqlType = { kind: 'boolean' };
export const DATE: SqlType = { kind: 'date' };
export const TIMESTAMP: SqlType = { kind: 'timestamp' };
export const TIMESTAMPTZ: SqlType = { kind: 'timestamptz' };
export const TIME: SqlType = { kind: 'time' };
export const INTERVAL: SqlType = { kind: 'interval' };
export const UNKNOWN: SqlType = { kind: 'unknown' };

export function decimalType(precision = 18, scale = 0): SqlType {
  return { kind: 'decimal', precision, scale };
}
export function varcharType(length = 256): SqlType {
  return { kind: 'varchar', length };
}
export function charType(length = 1): SqlType {
  return { kind: 'char', length };
}

export function isIntegerType(t: SqlType): boolean {
  return t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'bigint';
}
export function isNumericType(t: SqlType): boolean {
  return isIntegerType(t) || t.kind === 'decimal' || t.kind === 'real' || t.kind === 'double';
}
export function isStringType(t: SqlType): boolean {
  return t.kind === 'char' || t.kind === 'varchar';
}
export function isDateTimeType(t: SqlType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamptz' || t.kind === 'time';
}

export function typesEqual(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'decimal' && b.kind === 'decimal') return a.precision === b.precision && a.scale === b.scale;
  if ((a.kind === 'char' || a.kind === 'varchar') && (b.kind === 'char' || b.kind === 'varchar')) return a.length === b.length;
  return true;
}

/** The type's name as Redshift prints it in catalogs (format_type / PG_TABLE_DEF). */
export function typeName(t: SqlType): string {
  switch (t.kind) {
    case 'smallint': return 'smallint';
    case 'integer': return 'integer';
    case 'bigint': return 'bigint';
    case 'decimal': return `numeric(${t.precision},${t.scale})`;
    case 'real': return 'real';
    case 'double': return 'double precision';
    case 'boolean': return 'boolean';
    case 'char': return `character(${t.length})`;
    case 'varchar': return `character varying(${t.length})`;
    case 'date': return 'date';
    case 'timestamp': return 'timestamp without time zone';
    case 'timestamptz': return 'timestamp with time zone';
    case 'time': return 'time without time zone';
    case 'interval': return 'interval';
    case 'unknown': return 'unknown';
    default: return assertNever(t);
  }
}

/** Short internal names as error messages use them (int4, bpchar, varchar, ...). */
export function shortTypeName(t: SqlType): string {
  switch (t.kind) {
    case 'smallint': return 'int2';
    case 'integer': return 'int4';
    case 'bigint': return 'int8';
    case 'decimal': return 'numeric';
    case 'real': return 'float4';
    case 'double': return 'float8';
    case 'boolean': return 'bool';
    case 'char': return 'bpchar';
    case 'varchar': return 'varchar';
    case 'date': return 'date';
    case 'timestamp': return 'timestamp';
    case 'timestamptz': return 'timestamptz';
    case 'time': return 'time';
    case 'interval': return 'interval';
    case 'unknown': return 'unknown';
    default: return assertNever(t);
  }
}

/** PostgreSQL type OIDs, as clients see them in RowDescription and pg_type. */
export function typeOid(t: SqlType): number {
  switch (t.kind) {
    case 'smallint': return 21;
    case 'integer': return 23;
    case 'bigint': return 20;
    case 'decimal': return 1700;
    case 'real': return 700;
    case 'double': return 701;
    case 'boolean': return 16;
    case 'char': return 1042;
    case 'varchar': return 1043;
    case 'date': return 1082;
    case 'timestamp': return 1114;
    case 'timestamptz': return 1184;
    case 'time': return 1083;
    case 'interval': return 1186;
    case 'unknown': return 705;
    default: return assertNever(t);
  }
}

/** The type modifier clients see (pg_attribute.atttypmod): length + 4 for CHAR/VARCHAR, ((precision << 16) | scale) + 4 for DECIMAL, else -1. */
export function typeModifier(t: SqlType): number {
  const header = 4;
  switch (t.kind) {
    case 'char':
    case 'varchar':
      return t.length + header;
    case 'decimal':
      return ((t.precision << 16) | t.scale) + header;
    default:
      return -1;
  }
}

/** The stored size clients see (pg_type.typlen): bytes of a fixed-size type, -1 for variable-length ones. */
export function typeSize(t: SqlType): number {
  switch (t.kind) {
    case 'smallint': return 2;
    case 'integer': return 4;
    case 'bigint': return 8;
    case 'real': return 4;
    case 'double': return 8;
    case 'boolean': return 1;
    case 'date': return 4;
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return 8;
    case 'interval': return 16;
    case 'decimal':
    case 'char':
    case 'varchar':
      return -1;
    case 'unknown': return -2;
    default: return assertNever(t);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
