/**
 * Type names as written in SQL (DDL, CAST, ::) -> SqlType, with Redshift's aliases, defaults and
 * limits, and clear errors for PostgreSQL types Redshift does not have.
 */
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL,
  MAX_CHAR_LENGTH,
  MAX_DECIMAL_PRECISION,
  MAX_VARCHAR_LENGTH,
  REAL,
  SMALLINT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  charType,
  decimalType,
  varcharType,
  type SqlType,
} from './datatype.js';
import { SqlError, SqlState } from './errors.js';

type Args = readonly (number | 'max')[];

/** Types without modifiers (a precision on TIMESTAMP/TIME is accepted and ignored: always microseconds). */
const SIMPLE: Record<string, { type: SqlType; maxArgs: number }> = {};
function simple(names: string, type: SqlType, maxArgs = 0): void {
  for (const n of names.split(',')) SIMPLE[n] = { type, maxArgs };
}
simple('smallint,int2', SMALLINT);
simple('integer,int,int4', INTEGER);
simple('bigint,int8', BIGINT);
simple('real,float4', REAL);
simple('double precision,float8,float', DOUBLE);
simple('boolean,bool', BOOLEAN);
simple('date', DATE);
simple('timestamp,timestamp without time zone', TIMESTAMP, 1);
simple('timestamptz,timestamp with time zone', TIMESTAMPTZ, 1);
simple('time,time without time zone', TIME, 1);
simple('interval', INTERVAL);

const CHAR_NAMES = new Set(['char', 'character', 'nchar', 'bpchar']);
const VARCHAR_NAMES = new Set(['varchar', 'character varying', 'nvarchar', 'text']);
const DECIMAL_NAMES = new Set(['decimal', 'numeric']);

/** PostgreSQL types Redshift lacks, with what to use instead where there is an answer. */
const UNSUPPORTED: Record<string, string | undefined> = {
  serial: 'use IDENTITY', bigserial: 'use IDENTITY', smallserial: 'use IDENTITY', serial4: 'use IDENTITY', serial8: 'use IDENTITY',
  json: 'use SUPER', jsonb: 'use SUPER', uuid: undefined, xml: undefined, bytea: 'use VARBYTE', money: 'use DECIMAL',
  bit: undefined, 'bit varying': undefined, varbit: undefined, inet: undefined, cidr: undefined, macaddr: undefined,
  point: undefined, line: undefined, lseg: undefined, box: undefined, path: undefined, polygon: undefined, circle: undefined,
  tsvector: undefined, tsquery: undefined, hstore: undefined, oid: undefined, regclass: undefined, regproc: undefined,
  regtype: undefined, name: undefined, '"char"': undefined, int4range: undefined, int8range: undefined, numrange: undefined,
  tsrange: undefined, tstzrange: undefined, daterange: undefined, txid_snapshot: undefined, pg_lsn: undefined,
  timetz: undefined, 'time with time zone': undefined, super: undefined, varbyte: undefined, varbinary: undefined,
  'binary varying': undefined, hllsketch: undefined, geometry: undefined, geography: undefined,
};

function notSupported(name: string): SqlError {
  const advice = UNSUPPORTED[name];
  return new SqlError(SqlState.featureNotSupported, `type "${name}" is not supported`, advice ? { hint: `${advice[0]!.toUpperCase()}${advice.slice(1)}.` } : {});
}

function modifierNotAllowed(name: string): SqlError {
  return new SqlError(SqlState.syntaxError, `type modifier is not allowed for type "${name}"`);
}

function invalidModifier(message: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, message);
}

function decimalFrom(args: Args): SqlType {
  if (args.length > 2 || args.includes('max')) throw invalidModifier('invalid NUMERIC type modifier');
  const precision = (args[0] as number | undefined) ?? 18;
  const scale = (args[1] as number | undefined) ?? 0;
  if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw invalidModifier(`NUMERIC precision ${precision} must be between 1 and ${MAX_DECIMAL_PRECISION}`);
  }
  if (scale < 0 || scale > precision) throw invalidModifier(`NUMERIC scale ${scale} must be between 0 and precision ${precision}`);
  return decimalType(precision, scale);
}

function stringFrom(kind: 'char' | 'varchar', name: string, args: Args): SqlType {
  if (args.length > 1) throw invalidModifier(`invalid type modifier for type "${name}"`);
  const max = kind === 'char' ? MAX_CHAR_LENGTH : MAX_VARCHAR_LENGTH;
  const arg = args[0];
  let length: number;
  if (arg === 'max') length = max;
  else if (arg !== undefined) length = arg;
  else if (kind === 'char') length = name === 'bpchar' ? 256 : 1;
  else length = 256;
  const label = kind === 'char' ? 'char' : 'varchar';
  if (length < 1) throw invalidModifier(`length for type ${label} must be at least 1`);
  if (length > max) throw invalidModifier(`length for type ${label} cannot exceed ${max}`);
  return kind === 'char' ? charType(length) : varcharType(length);
}

/** Resolve a type as written (`varchar(10)`, `numeric(8,2)`, `int4`, `character varying(max)`) to a SqlType. */
export function typeFromName(name: string, args: readonly (number | 'max')[]): SqlType {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (n.endsWith('[]')) throw new SqlError(SqlState.featureNotSupported, 'array types are not supported');
  const s = SIMPLE[n];
  if (s) {
    if (args.length > s.maxArgs) throw modifierNotAllowed(n);
    const p = args[0];
    if (p !== undefined && (p === 'max' || p < 0 || p > 6)) throw invalidModifier(`${n.toUpperCase()}(${p}) precision must be between 0 and 6`);
    return s.type;
  }
  if (DECIMAL_NAMES.has(n)) return decimalFrom(args);
  if (CHAR_NAMES.has(n)) return stringFrom('char', n, args);
  if (VARCHAR_NAMES.has(n)) return stringFrom('varchar', n, args);
  if (n in UNSUPPORTED) throw notSupported(n);
  throw new SqlError(SqlState.undefinedObject, `type "${name}" does not exist`);
}
