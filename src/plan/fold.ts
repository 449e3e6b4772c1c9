/**
 * Constant folding: pure sub-expressions whose inputs are all constants are evaluated at planning
 * time, so predicates like `d < date '1994-01-01' + interval '1' year` compare a column with one
 * constant (which zone maps can use). Evaluation errors are never raised here: an expression that
 * fails (1/0, a bad cast) is left as it is and fails at run time only if it is actually evaluated
 * (it may sit in a CASE branch that is never taken). A DATE column compared with a TIMESTAMP constant
 * is rewritten into a DATE comparison with the equivalent day.
 */
import type { PExpr } from '../exec/spec.js';
import { BOOLEAN, assertNever, castValue, compareValues, getImplementation } from '../types/index.js';
import { VOLATILE_ID_PREFIX } from './expr-utils.js';

type Const = Extract<PExpr, { kind: 'const' }>;

const MICROS_PER_DAY = 86_400_000_000;

/** Function ids whose result changes between calls: never folded. */
function isVolatile(id: string): boolean {
  return id.startsWith(VOLATILE_ID_PREFIX);
}

export function foldConstants(e: PExpr): PExpr {
  switch (e.kind) {
    case 'col':
    case 'const':
      return e;
    case 'call': {
      const args = e.args.map(foldConstants);
      const folded: PExpr = { ...e, args };
      if (isVolatile(e.id) || args.length === 0 || !args.every(isConst)) return folded;
      return attempt(folded, () => {
        const { fn, strict } = getImplementation(e.id);
        const values = args.map((a) => (a as Const).value);
        return strict && values.some((v) => v === null) ? null : fn(...values);
      });
    }
    case 'cast': {
      const inner = foldConstants(e.expr);
      const folded: PExpr = { ...e, expr: inner };
      if (inner.kind !== 'const') return folded;
      return attempt(folded, () => (inner.value === null ? null : castValue(inner.value, inner.type, e.type, e.explicit)));
    }
    case 'and':
    case 'or':
      return foldLogic(e.kind, e.args.map(foldConstants));
    case 'not': {
      const arg = foldConstants(e.arg);
      if (arg.kind === 'const') return constant(arg.value === null ? null : !arg.value);
      return { ...e, arg };
    }
    case 'isNull': {
      const arg = foldConstants(e.arg);
      if (arg.kind === 'const') return constant((arg.value === null) !== e.not);
      return { ...e, arg };
    }
    case 'compare':
      return foldCompare({ ...e, left: foldConstants(e.left), right: foldConstants(e.right) });
    case 'inList':
      return { ...e, arg: foldConstants(e.arg), list: e.list.map(foldConstants) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: foldConstants(w.when), then: foldConstants(w.then) })),
        else: e.else ? foldConstants(e.else) : null,
      };
    case 'coalesce': {
      const args = e.args.map(foldConstants);
      // Leading NULL constants never contribute; a leading non-NULL constant decides.
      const rest = args.filter((a, i) => !(a.kind === 'const' && a.value === null && i < args.length - 1));
      if (rest[0]?.kind === 'const') return { ...rest[0], type: e.type };
      return rest.length === 1 ? rest[0]! : { ...e, args: rest };
    }
    default:
      return assertNever(e);
  }
}

function isConst(e: PExpr): e is Const {
  return e.kind === 'const';
}

function constant(value: boolean | null): PExpr {
  return { kind: 'const', value, type: BOOLEAN };
}

function attempt(original: PExpr, evaluate: () => unknown): PExpr {
  try {
    return { kind: 'const', value: evaluate(), type: original.type };
  } catch {
    return original;
  }
}

/** Three-valued AND/OR with constant arguments dropped or deciding. */
function foldLogic(kind: 'and' | 'or', args: PExpr[]): PExpr {
  const decisive = kind === 'or';
  const kept: PExpr[] = [];
  let sawNull = false;
  for (const a of args) {
    if (a.kind !== 'const') {
      kept.push(a);
      continue;
    }
    if (a.value === decisive) return constant(decisive);
    if (a.value === null) sawNull = true;
  }
  if (sawNull) kept.push(constant(null));
  if (kept.length === 0) return constant(!decisive);
  if (kept.length === 1) return kept[0]!;
  return { kind, args: kept, type: BOOLEAN };
}

function foldCompare(e: Extract<PExpr, { kind: 'compare' }>): PExpr {
  const { left, right } = e;
  if (left.kind === 'const' && right.kind === 'const') {
    if (left.value === null || right.value === null) return constant(null);
    try {
      return constant(testOrder(e.op, compareValues(left.type, left.value, right.value)));
    } catch {
      return e;
    }
  }
  return dateVersusTimestamp(e) ?? e;
}

function testOrder(op: Extract<PExpr, { kind: 'compare' }>['op'], c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/**
 * `CAST(date_expr AS TIMESTAMP) op timestamp_constant` as a DATE comparison: a date d (midnight) is
 * below T exactly when d < ceil(T / day), and at most T when d <= floor(T / day).
 */
function dateVersusTimestamp(e: Extract<PExpr, { kind: 'compare' }>): PExpr | null {
  const flip = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
  let castSide = e.left;
  let constSide = e.right;
  let op = e.op;
  if (castSide.kind !== 'cast') {
    [castSide, constSide] = [e.right, e.left];
    op = flip[op];
  }
  if (castSide.kind !== 'cast' || castSide.type.kind !== 'timestamp' || castSide.expr.type.kind !== 'date') return null;
  if (constSide.kind !== 'const' || typeof constSide.value !== 'number') return null;
  const date = castSide.expr;
  const t = constSide.value;
  const exact = t % MICROS_PER_DAY === 0;
  const day = (v: number): PExpr => ({ kind: 'const', value: v, type: date.type });
  const cmp = (o: typeof op, v: number): PExpr => ({ kind: 'compare', op: o, left: date, right: day(v), type: BOOLEAN });
  switch (op) {
    case '<':
    case '>=':
      return cmp(op, Math.ceil(t / MICROS_PER_DAY));
    case '<=':
    case '>':
      return cmp(op, Math.floor(t / MICROS_PER_DAY));
    case '=':
    case '<>':
      return exact ? cmp(op, t / MICROS_PER_DAY) : null;
  }
}
