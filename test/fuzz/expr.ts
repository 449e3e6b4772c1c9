/**
 * A generated SQL expression, rendered twice: `rs` for Slicewise (Redshift SQL) and `duck` for the
 * DuckDB reference (same meaning under Redshift's rules, see differences.ts). The type information
 * is what the generator needs to compose it further without leaving Redshift's rules or
 * overflowing in either engine.
 */
import { bugOpen } from './differences.js';
import type { Rng } from './random.js';
import type { ColumnInfo, Kind } from './schema.js';

export interface Expr {
  readonly rs: string;
  readonly duck: string;
  readonly kind: Kind;
  /** int/dec/float: an upper bound of |value|; text: of the length. */
  readonly bound: number;
  /** int: Redshift's result width (2, 4, 8 bytes). */
  readonly intWidth: 2 | 4 | 8;
  /** dec: Redshift's result precision and scale. */
  readonly precision: number;
  readonly scale: number;
  /** CHAR-typed in Redshift (a CHAR column, or a CASE/COALESCE of CHARs and string literals): blank-padded, blanks insignificant. */
  readonly padded: boolean;
  /** A string literal (its type is decided by what it meets: CHAR beside a CHAR). */
  readonly stringLiteral: boolean;
  /** Contains an aggregate call. */
  readonly aggregate: boolean;
}

const DEFAULTS = { bound: 0, intWidth: 4, precision: 0, scale: 0, padded: false, stringLiteral: false, aggregate: false } as const;

export function expr(kind: Kind, rs: string, duck: string, props: Partial<Omit<Expr, 'kind' | 'rs' | 'duck'>> = {}): Expr {
  return { ...DEFAULTS, ...props, kind, rs, duck };
}

/** The same text on both sides. */
export function same(kind: Kind, sql: string, props: Partial<Omit<Expr, 'kind' | 'rs' | 'duck'>> = {}): Expr {
  return expr(kind, sql, sql, props);
}

/** Copies type facts from `from` (for wrappers that keep the type, like parentheses or CASE). */
export function typed(from: Expr, rs: string, duck: string, props: Partial<Omit<Expr, 'kind' | 'rs' | 'duck'>> = {}): Expr {
  return { ...from, padded: false, stringLiteral: false, ...props, rs, duck };
}

/** A column reference, `qualifier.name`. */
export function columnExpr(qualifier: string, column: ColumnInfo): Expr {
  const ref = `${qualifier}.${column.name}`;
  return same(column.kind, ref, {
    bound: column.bound,
    intWidth: column.intWidth ?? 4,
    precision: column.precision ?? 0,
    scale: column.scale ?? 0,
    padded: column.char === true,
  });
}

/** Text made safe where Redshift's equality ignores trailing blanks but the output shows them: rtrim on both sides. */
export function stable(e: Expr): Expr {
  return e.kind === 'text' ? typed(e, `rtrim(${e.rs})`, `rtrim(${e.duck})`) : e;
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Type names for casts and typed NULLs. */
export function typeName(kind: Kind, engine: 'rs' | 'duck'): string {
  switch (kind) {
    case 'int':
      return 'INTEGER';
    case 'dec':
      return 'DECIMAL(12,2)';
    case 'float':
      return engine === 'rs' ? 'DOUBLE PRECISION' : 'DOUBLE';
    case 'text':
      return engine === 'rs' ? 'VARCHAR(20)' : 'VARCHAR';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'ts':
      return 'TIMESTAMP';
  }
}

export function typedNull(kind: Kind): Expr {
  return expr(kind, `CAST(NULL AS ${typeName(kind, 'rs')})`, `CAST(NULL AS ${typeName(kind, 'duck')})`, { precision: 12, scale: 2 });
}

const INT_LITERALS = [0, 1, 2, 3, 5, 7, 10, 11, -1, -3, 24, 100, 305, 1827, 2008, 5000];
const DEC_LITERALS = ['0.5', '1.25', '-3.75', '12.50', '100.00', '-0.01', '9999.99', '0.0001', '-250.125'];
// Dyadic fractions: sums of them are exact in binary floating point, in any order.
const FLOAT_LITERALS = ['0.5', '-0.25', '2.0', '1024.75', '-3.5', '0'];
export const TEXT_LITERALS = ['', ' ', 'a', 'a ', ' a', 'A', 'ab', 'abc', 'Tennis', 'Shows', 'NY', 'CA ', 'San Francisco', "x'y", 'O', 'BUILDING', 'Brand#13', 'z', '1-URGENT', 'Opera', 'e'];
const DATE_LITERALS = ['2008-01-01', '2008-02-29', '2008-06-15', '2008-12-31', '1999-12-31', '2008-03-31', '1995-03-15', '2007-12-31'];
const TS_LITERALS = ['2008-01-01 00:00:00', '2008-02-29 23:59:59', '2008-06-15 12:30:00', '2008-10-31 10:10:10', '1996-01-02 08:00:00'];

/** The text literals in use: while KNOWN_BUGS lists the literal-length bug, those a CHAR(1) column accepts. */
function textLiterals(): readonly string[] {
  if (!bugOpen('text-literal-cast-to-operand-length')) return TEXT_LITERALS;
  return TEXT_LITERALS.filter((s) => s.replace(/ +$/, '').length <= 1);
}

export function intLiteral(n: number): Expr {
  // Negative literals in parentheses: `- -3` would otherwise become the comment `--3`.
  return same('int', n < 0 ? `(${n})` : String(n), { bound: Math.abs(n), intWidth: 4 });
}

export function decLiteral(text: string): Expr {
  const digits = text.replace('-', '');
  const [whole = '', frac = ''] = digits.split('.');
  const precision = Math.max(whole.replace(/^0+/, '').length + frac.length, frac.length, 1);
  return same('dec', text.startsWith('-') ? `(${text})` : text, { bound: Math.abs(Number(text)), precision, scale: frac.length });
}

export function literal(rng: Rng, kind: Kind): Expr {
  switch (kind) {
    case 'int':
      return intLiteral(rng.pick(INT_LITERALS));
    case 'dec':
      return decLiteral(rng.pick(DEC_LITERALS));
    case 'float': {
      const v = rng.pick(FLOAT_LITERALS);
      return expr('float', `CAST(${v} AS DOUBLE PRECISION)`, `CAST(${v} AS DOUBLE)`, { bound: Math.abs(Number(v)) });
    }
    case 'text': {
      const s = rng.pick(textLiterals());
      return same('text', sqlString(s), { bound: s.length, stringLiteral: true });
    }
    case 'bool':
      return same('bool', rng.pick(['TRUE', 'FALSE']));
    case 'date':
      return same('date', `CAST('${rng.pick(DATE_LITERALS)}' AS DATE)`);
    case 'ts':
      return same('ts', `CAST('${rng.pick(TS_LITERALS)}' AS TIMESTAMP)`);
  }
}
