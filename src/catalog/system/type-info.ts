/**
 * What catalogs say about types: pg_type's rows for the built-in types, type modifiers (atttypmod),
 * PostgreSQL's format_type rendering, information_schema's data_type/precision columns, and the
 * column encodings (attencodingtype / format_encoding).
 */
import { assertNever, typeOid, type SqlType } from '../../types/datatype.js';

export interface BuiltinType {
  readonly oid: number;
  readonly typname: string;
  /** Bytes of a fixed-length value; -1 for variable length. */
  readonly len: number;
  readonly byval: boolean;
  readonly align: 'c' | 's' | 'i' | 'd';
  readonly storage: 'p' | 'x' | 'm';
  /** pg_type.typtype: 'b' a base type, 'p' a pseudo-type. */
  readonly typtype: 'b' | 'p';
}

function t(oid: number, typname: string, len: number, byval: boolean, align: BuiltinType['align'], storage: BuiltinType['storage'] = 'p', typtype: BuiltinType['typtype'] = 'b'): BuiltinType {
  return { oid, typname, len, byval, align, storage, typtype };
}

/** The types pg_type lists: the engine's column types plus the catalogs' own (name, oid, text, "char"). */
export const BUILTIN_TYPES: readonly BuiltinType[] = [
  t(16, 'bool', 1, true, 'c'),
  t(18, 'char', 1, true, 'c'),
  t(19, 'name', 128, false, 'i'),
  t(20, 'int8', 8, false, 'd'),
  t(21, 'int2', 2, true, 's'),
  t(23, 'int4', 4, true, 'i'),
  t(25, 'text', -1, false, 'i', 'x'),
  t(26, 'oid', 4, true, 'i'),
  t(700, 'float4', 4, false, 'i'),
  t(701, 'float8', 8, false, 'd'),
  t(705, 'unknown', -1, false, 'i'),
  t(1042, 'bpchar', -1, false, 'i', 'x'),
  t(1043, 'varchar', -1, false, 'i', 'x'),
  t(1082, 'date', 4, true, 'i'),
  t(1083, 'time', 8, false, 'd'),
  t(1114, 'timestamp', 8, false, 'd'),
  t(1184, 'timestamptz', 8, false, 'd'),
  t(1186, 'interval', 16, false, 'd'),
  t(1700, 'numeric', -1, false, 'i', 'm'),
  // The pseudo-type of trigger functions: psql's \df compares pg_proc.prorettype with it.
  t(2279, 'trigger', 4, true, 'i', 'p', 'p'),
];

/** pg_collation's "default" collation: the one every character type and column uses. */
export const DEFAULT_COLLATION_OID = 100;

/** typcollation / attcollation: the default collation for character types, none (0) for the others. */
export function collationOf(typeOid: number): number {
  return typeOid === 25 || typeOid === BPCHAR_OID || typeOid === VARCHAR_OID ? DEFAULT_COLLATION_OID : 0;
}

export const BPCHAR_OID = 1042;
export const VARCHAR_OID = 1043;
export const NUMERIC_OID = 1700;

/** Bytes of the varlena header PostgreSQL adds to type modifiers. */
export const TYPMOD_HEADER = 4;

/** What format_type prints for a type without (or regardless of) its modifier. */
export const FORMAT_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [700, 'real'],
  [701, 'double precision'],
  [705, 'unknown'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1700, 'numeric'],
  [2279, 'trigger'],
]);

export function builtinType(oid: number): BuiltinType | undefined {
  return BUILTIN_TYPES.find((b) => b.oid === oid);
}

/** pg_attribute.attlen: the type's fixed length, or -1. */
export function typeLength(type: SqlType): number {
  return builtinType(typeOid(type))?.len ?? -1;
}

/**
 * PostgreSQL's format_type(oid, typmod). A NULL typmod means "not given": CHAR then prints as
 * `character`, while a given typmod of -1 prints as `bpchar` (PostgreSQL's rule). Unknown oids print `???`.
 */
export function formatType(oid: number, typmod: number | null): string {
  const base = FORMAT_TYPE_NAMES.get(oid);
  if (base === undefined) return '???';
  const withModifier = typmod !== null && typmod >= 0;
  switch (oid) {
    case BPCHAR_OID:
      if (withModifier) return `character(${typmod - TYPMOD_HEADER})`;
      return typmod === null ? 'character' : 'bpchar';
    case VARCHAR_OID:
      return withModifier ? `character varying(${typmod - TYPMOD_HEADER})` : base;
    case NUMERIC_OID: {
      if (!withModifier) return base;
      const m = typmod - TYPMOD_HEADER;
      return `numeric(${m >> 16},${m & 0xffff})`;
    }
    default:
      return base;
  }
}

/** information_schema.columns.data_type. */
export function standardTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'decimal':
      return 'numeric';
    case 'char':
      return 'character';
    case 'varchar':
      return 'character varying';
    default:
      return formatType(typeOid(type), null);
  }
}

/** information_schema's numeric facts of a type: precision (bits for binary types, digits for NUMERIC), radix and scale. */
export function numericFacts(type: SqlType): { precision: number | null; radix: number | null; scale: number | null } {
  switch (type.kind) {
    case 'smallint':
      return { precision: 16, radix: 2, scale: 0 };
    case 'integer':
      return { precision: 32, radix: 2, scale: 0 };
    case 'bigint':
      return { precision: 64, radix: 2, scale: 0 };
    case 'decimal':
      return { precision: type.precision, radix: 10, scale: type.scale };
    case 'real':
      return { precision: 24, radix: 2, scale: null };
    case 'double':
      return { precision: 53, radix: 2, scale: null };
    case 'boolean':
    case 'char':
    case 'varchar':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'interval':
    case 'unknown':
      return { precision: null, radix: null, scale: null };
    default:
      return assertNever(type);
  }
}

/** information_schema.columns.datetime_precision: fractional second digits (microseconds), 0 for DATE. */
export function datetimePrecision(type: SqlType): number | null {
  if (type.kind === 'date') return 0;
  if (type.kind === 'timestamp' || type.kind === 'timestamptz' || type.kind === 'time' || type.kind === 'interval') return 6;
  return null;
}

/** Length in characters (= bytes in Redshift) of CHAR/VARCHAR columns. */
export function characterLength(type: SqlType): number | null {
  return type.kind === 'char' || type.kind === 'varchar' ? type.length : null;
}

/**
 * Column encodings by attencodingtype code. Redshift does not document the codes; this numbering is
 * Slicewise's own, and format_encoding() reads it back. RAW is shown as `none`, as PG_TABLE_DEF does.
 */
export const ENCODINGS: readonly string[] = [
  'none',
  'bytedict',
  'delta',
  'delta32k',
  'lzo',
  'mostly8',
  'mostly16',
  'mostly32',
  'runlength',
  'text255',
  'text32k',
  'zstd',
  'az64',
];

/** The name catalogs show for a recorded encoding (`raw` is `none`). */
export function encodingName(recorded: string): string {
  const name = recorded.toLowerCase();
  return name === 'raw' ? 'none' : name;
}

/** attencodingtype for a recorded encoding; null for a name outside Redshift's list. */
export function encodingCode(recorded: string): number | null {
  const code = ENCODINGS.indexOf(encodingName(recorded));
  return code < 0 ? null : code;
}
