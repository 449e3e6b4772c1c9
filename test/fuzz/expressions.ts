/**
 * Type-directed generation of row-level expressions: ask for a Kind, get a random expression of
 * that kind over the columns in scope, rendered for both engines. Depth bounds the nesting; value
 * bounds keep integer and decimal arithmetic far from overflow (Redshift's SMALLINT op SMALLINT is
 * a SMALLINT; DuckDB's literals adapt to the column type), so an overflow can't pass for a bug.
 */
import type { Family, FamilySet } from './differences.js';
import { expr, intLiteral, literal, same, stable, typed, typedNull, type Expr } from './expr.js';
import type { Rng } from './random.js';
import type { Kind } from './schema.js';
import { dateExpr, dateIntExpr, tsExpr } from './date-expressions.js';
import { comparison, predicate } from './predicates.js';
import { textExpr } from './text-expressions.js';

/** Subqueries the query generator can supply (it knows the tables); null when it can't here. */
export interface SubqueryHooks {
  /** `(select ...)` of one row and one column of `kind`, possibly correlated with the outer scope. */
  scalar(kind: Kind): Expr | null;
  /** A predicate: [NOT] IN (subquery) or [NOT] EXISTS; a correlated IN only in a WHERE `condition`. */
  predicate(condition: boolean): Expr | null;
}

const INT_MAX: Record<2 | 4 | 8, number> = { 2: 30_000, 4: 2e9, 8: 1e17 };
const DEC_MAX_PRECISION = 38;
const DEC_MAX_BOUND = 1e15;
/** Longest text the generator lets an expression build. */
export const TEXT_MAX = 300;

export class ExprGen {
  constructor(
    readonly rng: Rng,
    readonly families: FamilySet,
    private readonly columns: readonly Expr[],
    readonly subqueries: SubqueryHooks | null = null,
  ) {}

  has(family: Family): boolean {
    return this.families.has(family);
  }

  /** Columns of a kind in scope. */
  columnsOf(kind: Kind): readonly Expr[] {
    return this.columns.filter((c) => c.kind === kind);
  }

  /** A column (usually) or a literal (sometimes NULL) of `kind`. */
  leaf(kind: Kind): Expr {
    const cols = this.columnsOf(kind);
    if (cols.length > 0 && this.rng.chance(0.7)) return this.rng.pick(cols);
    if (this.rng.chance(0.08)) return typedNull(kind);
    return literal(this.rng, kind);
  }

  /** A column of `kind` if there is one, else a leaf. */
  column(kind: Kind): Expr {
    const cols = this.columnsOf(kind);
    return cols.length > 0 ? this.rng.pick(cols) : this.leaf(kind);
  }

  of(kind: Kind, depth: number): Expr {
    if (depth <= 0 || this.rng.chance(0.25)) return this.leaf(kind);
    switch (kind) {
      case 'int':
        return this.int(depth);
      case 'dec':
        return this.dec(depth);
      case 'float':
        return this.float(depth);
      case 'text':
        return textExpr(this, depth);
      case 'bool':
        return predicate(this, depth);
      case 'date':
        return dateExpr(this, depth);
      case 'ts':
        return tsExpr(this, depth);
    }
  }

  /** CASE, COALESCE/NVL and NULLIF work on every kind. */
  conditional(kind: Kind, depth: number): Expr {
    const e = this.conditionalOf(kind, depth);
    return kind === 'text' ? charResult(e) : e;
  }

  private conditionalOf(kind: Kind, depth: number): Expr & { operands?: readonly Expr[] } {
    const [a, b, c] = this.alike(kind, depth - 1);
    const merged = mergeFacts(mergeFacts(a, b), c);
    if (this.has('conditionalFunctions') && this.rng.chance(0.35)) return conditionalFunction(this, kind, [a, b, c], merged, depth);
    switch (this.rng.int(0, 3)) {
      case 0: {
        const cond = predicate(this, depth - 1);
        const elseSql = this.rng.chance(0.2) ? { rs: '', duck: '' } : { rs: ` ELSE ${b.rs}`, duck: ` ELSE ${b.duck}` };
        const result = typed(merged, `CASE WHEN ${cond.rs} THEN ${a.rs}${elseSql.rs} END`, `CASE WHEN ${cond.duck} THEN ${a.duck}${elseSql.duck} END`);
        return { ...result, operands: elseSql.rs === '' ? [a] : [a, b] };
      }
      case 1: {
        const fn = this.rng.chance(0.4) ? 'NVL' : 'COALESCE';
        return { ...typed(merged, `${fn}(${a.rs}, ${b.rs}, ${c.rs})`, `COALESCE(${a.duck}, ${b.duck}, ${c.duck})`), operands: [a, b, c] };
      }
      case 2: {
        if (kind === 'bool' || kind === 'float') return typed(merged, `COALESCE(${a.rs}, ${b.rs})`, `COALESCE(${a.duck}, ${b.duck})`);
        // Redshift's NULLIF compares like `=`: trailing blanks do not count.
        const duck = kind === 'text' ? `CASE WHEN rtrim(${a.duck}) = rtrim(${b.duck}) THEN NULL ELSE ${a.duck} END` : `NULLIF(${a.duck}, ${b.duck})`;
        // NULLIF(int4, int8) is an int8: integers take the wider operand's width.
        return { ...typed(kind === 'int' ? merged : a, `NULLIF(${a.rs}, ${b.rs})`, duck), operands: [a] };
      }
      default: {
        // Simple CASE on an integer or text operand.
        const operandKind: Kind = this.rng.chance(0.5) ? 'int' : 'text';
        const operand = this.of(operandKind, depth - 1);
        const w1 = literal(this.rng, operandKind);
        const w2 = literal(this.rng, operandKind);
        const whenDuck = (w: Expr): string => (operandKind === 'text' ? `rtrim(${w.duck})` : w.duck);
        const opDuck = operandKind === 'text' ? `rtrim(${operand.duck})` : operand.duck;
        const result = typed(
          merged,
          `CASE ${operand.rs} WHEN ${w1.rs} THEN ${a.rs} WHEN ${w2.rs} THEN ${b.rs} ELSE NULL END`,
          `CASE ${opDuck} WHEN ${whenDuck(w1)} THEN ${a.duck} WHEN ${whenDuck(w2)} THEN ${b.duck} ELSE NULL END`,
        );
        return { ...result, operands: [a, b] };
      }
    }
  }

  /**
   * Three expressions of `kind` for one CASE/COALESCE/NULLIF. DECIMALs are cast to one common type
   * on DuckDB's side: its own common type of, say, DECIMAL(38,0) and DECIMAL(6,4) drops decimals
   * (Redshift: scale max(s1, s2), differences.ts).
   */
  private alike(kind: Kind, depth: number): [Expr, Expr, Expr] {
    const all = [this.of(kind, depth), this.of(kind, depth), this.of(kind, depth)] as const;
    if (kind !== 'dec') return [...all];
    const m = mergeFacts(mergeFacts(all[0], all[1]), all[2]);
    const precision = Math.min(m.precision, DEC_MAX_PRECISION);
    const type = `DECIMAL(${precision},${m.scale})`;
    // Both sides get the cast: a construct may use only two of the three (CASE, NVL2), and the
    // type must then come from the cast, not from the operands it happens to use (NULLIF's type is
    // its first operand's: the cast one).
    const cast = (e: Expr): Expr => ({ ...e, precision, scale: m.scale, rs: `CAST(${e.rs} AS ${type})`, duck: `CAST(${e.duck} AS ${type})` });
    return [cast(all[0]), cast(all[1]), cast(all[2])];
  }

  int(depth: number): Expr {
    const d = depth - 1;
    const pick = this.rng.weighted<() => Expr | null>([
      [4, () => this.intArith(d)],
      [2, () => this.intScale(d)],
      [2, () => this.intDivide(d)],
      [2, () => this.conditional('int', depth)],
      [1, () => unary(this.rng, this.of('int', d))],
      [2, () => textMeasure(this, d)],
      [1, () => this.decToInt(d)],
      [2, () => dateIntExpr(this, depth)],
      [this.subqueries && this.has('subqueries') ? 1 : 0, () => this.subqueries?.scalar('int') ?? null],
    ]);
    const e = pick();
    return e !== null && withinIntLimits(e) ? e : this.leaf('int');
  }

  private intArith(d: number): Expr {
    const a = this.of('int', d);
    const b = this.of('int', d);
    const op = this.rng.pick(['+', '-']);
    // DuckDB computes in BIGINT: its integer literals take the column's type (SMALLINT + 30000 overflows there).
    return expr('int', `(${a.rs} ${op} ${b.rs})`, `(CAST(${a.duck} AS BIGINT) ${op} ${b.duck})`, {
      bound: a.bound + b.bound,
      intWidth: Math.max(a.intWidth, b.intWidth) as 2 | 4 | 8,
    });
  }

  private intScale(d: number): Expr {
    const a = this.of('int', d);
    const k = this.rng.int(-5, 20);
    const lit = intLiteral(k);
    return expr('int', `(${a.rs} * ${lit.rs})`, `(CAST(${a.duck} AS BIGINT) * ${lit.duck})`, {
      bound: a.bound * Math.abs(k),
      intWidth: Math.max(a.intWidth, 4) as 4 | 8,
    });
  }

  /** Integer `/` truncates in Redshift: DuckDB's `//`. NULLIF keeps zero divisors out. */
  private intDivide(d: number): Expr {
    const a = this.of('int', d);
    const b = this.of('int', d);
    const width = Math.max(a.intWidth, b.intWidth) as 2 | 4 | 8;
    if (this.rng.chance(0.6)) {
      return expr('int', `(${a.rs} / NULLIF(${b.rs}, 0))`, `(${a.duck} // NULLIF(${b.duck}, 0))`, { bound: a.bound, intWidth: width });
    }
    const rs = this.rng.chance(0.3) ? `MOD(${a.rs}, NULLIF(${b.rs}, 0))` : `(${a.rs} % NULLIF(${b.rs}, 0))`;
    return expr('int', rs, `(${a.duck} % NULLIF(${b.duck}, 0))`, { bound: Math.min(a.bound, Math.max(b.bound, 1)), intWidth: width });
  }

  private decToInt(d: number): Expr | null {
    const a = this.of('dec', d);
    if (a.bound >= 1e9) return null;
    return expr('int', `CAST(${a.rs} AS INTEGER)`, `CAST(${a.duck} AS INTEGER)`, { bound: a.bound + 1, intWidth: 4 });
  }

  dec(depth: number): Expr {
    const d = depth - 1;
    const pick = this.rng.weighted<() => Expr | null>([
      [4, () => this.decArith(d)],
      [2, () => this.decScale(d)],
      [3, () => this.decCast(d)],
      [2, () => this.decRound(d)],
      [2, () => this.conditional('dec', depth)],
      [1, () => unary(this.rng, this.of('dec', d))],
      [this.subqueries && this.has('subqueries') ? 1 : 0, () => this.subqueries?.scalar('dec') ?? null],
    ]);
    const e = pick();
    return e !== null && e.precision <= DEC_MAX_PRECISION && e.bound <= DEC_MAX_BOUND ? e : this.leaf('dec');
  }

  private decArith(d: number): Expr {
    const a = this.of('dec', d);
    const b = this.rng.chance(0.3) ? asDecimalFacts(this.of('int', d)) : this.of('dec', d);
    const op = this.rng.pick(['+', '-']);
    const scale = Math.max(a.scale, b.scale);
    const precision = Math.max(a.precision - a.scale, b.precision - b.scale) + 1 + scale;
    return expr('dec', `(${a.rs} ${op} ${b.rs})`, `(${a.duck} ${op} ${b.duck})`, { bound: a.bound + b.bound, precision, scale });
  }

  /** DECIMAL * integer literal (DECIMAL / DECIMAL differs by design: differences.ts). */
  private decScale(d: number): Expr {
    const a = this.of('dec', d);
    const k = intLiteral(this.rng.int(-4, 12));
    // DuckDB keeps a DECIMAL(18)'s 64-bit width for the product and overflows: widen it to Redshift's result precision.
    const widened = `CAST(${a.duck} AS DECIMAL(${Math.min(a.precision + 11, DEC_MAX_PRECISION)},${a.scale}))`;
    return expr('dec', `(${a.rs} * ${k.rs})`, `(${widened} * ${k.duck})`, {
      bound: a.bound * Math.max(k.bound, 1),
      precision: a.precision + 11,
      scale: a.scale,
    });
  }

  private decCast(d: number): Expr | null {
    const source = this.rng.chance(0.5) ? this.of('int', d) : this.of('dec', d);
    const scale = this.rng.pick([0, 1, 2, 4]);
    const wholeDigits = Math.ceil(Math.log10(source.bound + 1)) + 1;
    const precision = Math.min(wholeDigits + scale + this.rng.int(0, 3), DEC_MAX_PRECISION);
    if (precision - scale < wholeDigits) return null;
    const type = `DECIMAL(${precision},${scale})`;
    return expr('dec', `CAST(${source.rs} AS ${type})`, `CAST(${source.duck} AS ${type})`, { bound: source.bound + 1, precision, scale });
  }

  private decRound(d: number): Expr {
    const a = this.of('dec', d);
    const fn = this.rng.pick(['ROUND', 'TRUNC', 'ABS', 'CEIL', 'FLOOR']);
    if (fn === 'ROUND' || fn === 'TRUNC') {
      // Redshift keeps the argument's type (TRUNC(-0.0100, 3) prints -0.0100); DuckDB's result has `digits` decimals.
      const digits = this.rng.int(0, a.scale);
      const precision = Math.min(a.precision + 1, DEC_MAX_PRECISION);
      const duck = `CAST(${fn}(${a.duck}, ${digits}) AS DECIMAL(${precision},${a.scale}))`;
      return typed(a, `${fn}(${a.rs}, ${digits})`, duck, { bound: a.bound + 1, precision });
    }
    // CEIL and FLOOR return scale 0 (AVG over them rounds at that scale); ABS keeps the scale.
    const scale = fn === 'ABS' ? a.scale : 0;
    return typed(a, `${fn}(${a.rs})`, `${fn}(${a.duck})`, { bound: a.bound + 1, precision: a.precision + 1, scale });
  }

  float(depth: number): Expr {
    const d = depth - 1;
    const pick = this.rng.weighted<() => Expr>([
      [3, () => this.toFloat(d)],
      [3, () => {
        const a = this.float(d);
        const b = this.of('float', d);
        const op = this.rng.pick(['+', '-', '*']);
        return expr('float', `(${a.rs} ${op} ${b.rs})`, `(${a.duck} ${op} ${b.duck})`, { bound: op === '*' ? a.bound * b.bound : a.bound + b.bound });
      }],
      [2, () => {
        const a = this.of('float', d);
        const b = this.of('float', d);
        return expr('float', `(${a.rs} / NULLIF(${b.rs}, 0))`, `(${a.duck} / NULLIF(${b.duck}, 0))`, { bound: 1e30 });
      }],
      [1, () => this.conditional('float', depth)],
      [1, () => unary(this.rng, this.of('float', d))],
    ]);
    const e = pick();
    return e.bound <= 1e30 ? e : this.leaf('float');
  }

  /**
   * DOUBLE PRECISION from an exact value (never the other way: differences.ts). `exactly`: only
   * integers below 2^53, which convert without rounding (so their sums are order-independent).
   */
  toFloat(d: number, exactly = false): Expr {
    let source = exactly || this.rng.chance(0.5) ? this.of('int', d) : this.of('dec', d);
    if (exactly && source.bound > 2 ** 52) source = this.leaf('int');
    return expr('float', `CAST(${source.rs} AS DOUBLE PRECISION)`, `CAST(${source.duck} AS DOUBLE)`, { bound: source.bound });
  }

  /** A comparison of two expressions of one kind (for predicates and CASE conditions). */
  comparison(depth: number): Expr {
    return comparison(this, depth);
  }
}

/**
 * NVL2, DECODE (a NULL search value matches NULL), GREATEST and LEAST (NULLs ignored in both
 * engines; text rtrim()med, since which blank-variant is greatest is unspecified in Redshift).
 */
function conditionalFunction(gen: ExprGen, kind: Kind, [a, b, c]: readonly [Expr, Expr, Expr], merged: Expr, depth: number): Expr & { operands?: readonly Expr[] } {
  const rng = gen.rng;
  switch (rng.int(0, 2)) {
    case 0: {
      const probe = gen.of(rng.pick<Kind>(['int', 'text', 'date', 'dec']), depth - 1);
      return { ...typed(merged, `NVL2(${probe.rs}, ${a.rs}, ${b.rs})`, `CASE WHEN ${probe.duck} IS NOT NULL THEN ${a.duck} ELSE ${b.duck} END`), operands: [a, b] };
    }
    case 1: {
      const subjectKind = rng.pick<Kind>(['int', 'text']);
      const subject = gen.of(subjectKind, depth - 1);
      const searches = [literal(rng, subjectKind), rng.chance(0.3) ? same(subjectKind, 'NULL') : literal(rng, subjectKind)];
      const duckOf = (e: Expr): string => (subjectKind === 'text' && e.rs !== 'NULL' ? `rtrim(${e.duck})` : e.duck);
      const whens = searches.map((s, i) => `WHEN ${duckOf(subject)} IS NOT DISTINCT FROM ${duckOf(s)} THEN ${[a, b][i]!.duck}`);
      return {
        ...typed(merged, `DECODE(${subject.rs}, ${searches[0]!.rs}, ${a.rs}, ${searches[1]!.rs}, ${b.rs}, ${c.rs})`, `CASE ${whens.join(' ')} ELSE ${c.duck} END`),
        operands: [a, b, c],
      };
    }
    default: {
      if (kind === 'bool') return { ...typed(merged, `COALESCE(${a.rs}, ${b.rs})`, `COALESCE(${a.duck}, ${b.duck})`), operands: [a, b] };
      const fn = rng.pick(['GREATEST', 'LEAST']);
      const args = [a, b, c].map(stable);
      return typed(merged, `${fn}(${args.map((x) => x.rs).join(', ')})`, `${fn.toLowerCase()}(${args.map((x) => x.duck).join(', ')})`);
    }
  }
}

/**
 * A text CASE/COALESCE/NULLIF whose typed operands are all CHAR is a CHAR in Redshift: its string
 * literals become blank-insignificant CHAR values ('a ' || 'b' is then 'ab'). DuckDB's side drops
 * the trailing blanks to match (differences.ts: CHAR padding).
 */
function charResult(e: Expr & { operands?: readonly Expr[] }): Expr {
  const { operands = [], ...result } = e;
  const isChar = operands.some((o) => o.padded) && operands.every((o) => o.padded || o.stringLiteral);
  return isChar ? { ...result, duck: `rtrim(${result.duck})`, padded: true } : result;
}

/** ABS or negation: the type stays (`-(x)`, so no `--` comment can form). */
function unary(rng: Rng, a: Expr): Expr {
  return rng.chance(0.5) ? typed(a, `(-(${a.rs}))`, `(-(${a.duck}))`) : typed(a, `ABS(${a.rs})`, `ABS(${a.duck})`);
}

/** An integer's DECIMAL precision when it joins DECIMAL arithmetic (reference §7.2). */
function asDecimalFacts(e: Expr): Expr {
  return { ...e, precision: e.intWidth === 2 ? 5 : e.intWidth === 4 ? 10 : 19, scale: 0 };
}

function mergeFacts(a: Expr, b: Expr): Expr {
  return {
    ...a,
    bound: Math.max(a.bound, b.bound),
    intWidth: Math.max(a.intWidth, b.intWidth) as 2 | 4 | 8,
    scale: Math.max(a.scale, b.scale),
    precision: Math.max(a.precision - a.scale, b.precision - b.scale) + Math.max(a.scale, b.scale),
    padded: false,
    aggregate: a.aggregate || b.aggregate,
  };
}

function withinIntLimits(e: Expr): boolean {
  return e.bound <= INT_MAX[e.intWidth];
}

/** LENGTH / STRPOS / CHARINDEX / POSITION of text: small integers. */
function textMeasure(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const props = { bound: Math.min(s.bound, TEXT_MAX), intWidth: 4 as const };
  switch (gen.rng.int(0, 3)) {
    case 0:
      return expr('int', `${gen.rng.pick(['LENGTH', 'LEN', 'CHAR_LENGTH'])}(${s.rs})`, `length(${s.duck})`, props);
    case 1: {
      const sub = literal(gen.rng, 'text');
      return expr('int', `STRPOS(${s.rs}, ${sub.rs})`, `strpos(${s.duck}, ${sub.duck})`, props);
    }
    case 2: {
      const sub = literal(gen.rng, 'text');
      return expr('int', `CHARINDEX(${sub.rs}, ${s.rs})`, `strpos(${s.duck}, ${sub.duck})`, props);
    }
    default: {
      const sub = literal(gen.rng, 'text');
      return expr('int', `POSITION(${sub.rs} IN ${s.rs})`, `position(${sub.duck} IN ${s.duck})`, props);
    }
  }
}
