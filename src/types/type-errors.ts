/**
 * Constructors for the errors the types layer raises, worded as PostgreSQL / Redshift word them, so
 * each message lives in one place.
 */
import { SqlError, SqlState } from './errors.js';
import type { SqlType } from './datatype.js';

export const NO_MATCH_HINT = 'No operator matches the given name and argument type(s). You might need to add explicit type casts.';
export const NO_FUNCTION_HINT = 'No function matches the given name and argument types. You might need to add explicit type casts.';

/** A type's name without length/precision, as PostgreSQL's format_type_be prints it in error messages. */
export function bareTypeName(t: SqlType): string {
  switch (t.kind) {
    case 'decimal': return 'numeric';
    case 'char': return 'character';
    case 'varchar': return 'character varying';
    case 'double': return 'double precision';
    case 'timestamp': return 'timestamp without time zone';
    case 'timestamptz': return 'timestamp with time zone';
    case 'time': return 'time without time zone';
    default: return t.kind;
  }
}

export function outOfRange(message: string): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, message);
}

/** `smallint out of range` / `integer out of range` / `bigint out of range`. */
export function integerOutOfRange(kind: 'smallint' | 'integer' | 'bigint'): SqlError {
  return outOfRange(`${kind} out of range`);
}

export function divisionByZero(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero');
}

export function invalidSyntax(typeLabel: string, text: string, code: string = SqlState.invalidTextRepresentation): SqlError {
  return new SqlError(code, `invalid input syntax for ${typeLabel}: "${text}"`);
}

export function fieldOutOfRange(text: string): SqlError {
  return new SqlError(SqlState.datetimeFieldOverflow, `date/time field value out of range: "${text}"`);
}

/** DECIMAL(p,s) cannot hold the value (PostgreSQL's wording and detail). */
export function numericFieldOverflow(precision: number, scale: number): SqlError {
  const maxDigits = precision - scale;
  return new SqlError(SqlState.numericValueOutOfRange, 'numeric field overflow', {
    detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxDigits > 0 ? `10^${maxDigits}` : '1'}.`,
  });
}

/** The result of DECIMAL arithmetic does not fit its computed precision. */
export function resultPrecisionOverflow(): SqlError {
  return outOfRange('Numeric data overflow (result precision)');
}

export function valueTooLong(t: SqlType): SqlError {
  const name = t.kind === 'char' ? `character(${t.length})` : t.kind === 'varchar' ? `character varying(${t.length})` : bareTypeName(t);
  return new SqlError(SqlState.stringDataRightTruncation, `value too long for type ${name}`);
}

export function cannotCast(from: SqlType, to: SqlType): SqlError {
  return new SqlError('42846', `cannot cast type ${bareTypeName(from)} to ${bareTypeName(to)}`);
}
