/**
 * The VARCHAR a value becomes when used as text (|| operands, string-function arguments): long
 * enough for any value of the source type, so the implicit conversion never fails.
 */
import { MAX_VARCHAR_LENGTH, assertNever, varcharType, type SqlType } from './datatype.js';

export type VarcharType = Extract<SqlType, { kind: 'varchar' }>;

/** Widest text output of each type (signs, 'e+308', 'BC' suffixes, zone '+00' included). */
function maxTextLength(t: SqlType): number {
  switch (t.kind) {
    case 'smallint': return 6;
    case 'integer': return 11;
    case 'bigint': return 20;
    case 'decimal': return t.precision + 3;
    case 'real': return 15;
    case 'double': return 24;
    case 'boolean': return 1;
    case 'date': return 16;
    case 'timestamp': return 33;
    case 'timestamptz': return 36;
    case 'time': return 15;
    case 'interval': return 100;
    case 'char':
    case 'varchar': return t.length;
    case 'unknown': return MAX_VARCHAR_LENGTH;
    default: return assertNever(t);
  }
}

/** VARCHAR for strings as they are (CHAR -> VARCHAR(n), which drops its trailing blanks), sized text for the rest. */
export function textTypeFor(t: SqlType): VarcharType {
  if (t.kind === 'varchar') return t;
  return varcharType(Math.min(maxTextLength(t), MAX_VARCHAR_LENGTH)) as VarcharType;
}
