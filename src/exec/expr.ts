/**
 * The expression compiler: turns a PExpr into a vectorized evaluator that computes one value per row
 * of a batch. Compile once per task, evaluate per batch.
 *
 * SQL semantics kept here: three-valued AND/OR/NOT, NULL-propagating comparisons, IN lists with NULL
 * members, and lazy CASE/COALESCE/AND/OR — a branch is only evaluated on the rows that reach it (on a
 * sub-batch of those rows), so `CASE WHEN b = 0 THEN NULL ELSE a / b END` never divides by zero.
 */
import { assertNever, castValue, getImplementation, typesEqual, type SqlType } from '../types/index.js';
import { constantColumn, gatherUsedColumns } from './batch.js';
import type { Batch, CompareOp, PExpr } from './spec.js';
import { canonicalKey, compareClass, valueComparator, type KeyPrimitive } from './value-keys.js';

export type Evaluator = (batch: Batch) => unknown[];

/**
 * Compile an expression. The evaluator may return one of the batch's own column arrays (for a column
 * reference), so callers must treat results as read-only.
 */
export function compileExpr(e: PExpr): Evaluator {
  switch (e.kind) {
    case 'col': {
      const index = e.index;
      return (b) => b.columns[index]!;
    }
    case 'const': {
      const value = e.value;
      return (b) => constantColumn(value, b.rowCount);
    }
    case 'call':
      return compileCall(e.id, e.args.map(compileExpr));
    case 'cast':
      return compileCast(compileExpr(e.expr), e.expr.type, e.type, e.explicit);
    case 'and':
    case 'or':
      return compileConnective(e.args, e.kind === 'and');
    case 'not': {
      const arg = compileExpr(e.arg);
      return (b) => arg(b).map((v) => (v === null ? null : !v));
    }
    case 'isNull': {
      const arg = compileExpr(e.arg);
      const not = e.not;
      return (b) => arg(b).map((v) => (v === null) !== not);
    }
    case 'compare':
      return compileCompare(e.op, compileExpr(e.left), compileExpr(e.right), e.left.type);
    case 'inList':
      return compileInList(e.arg, e.list, e.not);
    case 'case':
      return compileCase(e.whens, e.else);
    case 'coalesce':
      return compileCoalesce(e.args);
    default:
      return assertNever(e);
  }
}

/**
 * Compile a predicate to a row selection: the ascending indices of the rows where it is TRUE (not
 * FALSE, not NULL). AND narrows the selection conjunct by conjunct; comparisons of native-order
 * types against a constant select without building an intermediate boolean column.
 */
export function compilePredicate(e: PExpr): (batch: Batch) => number[] {
  if (e.kind === 'and') {
    const conjuncts = e.args.map((a) => ({ select: compilePredicate(a), used: columnsUsed(a) }));
    return (b) => {
      let selection: number[] | null = null; // null = every row
      for (const { select, used } of conjuncts) {
        if (selection === null) {
          selection = select(b);
        } else {
          if (selection.length === 0) break;
          const current: number[] = selection;
          if (current.length < b.rowCount) selection = select(gatherUsedColumns(b, current, used)).map((i) => current[i]!);
          else selection = select(b);
        }
      }
      return selection ?? allRows(b.rowCount);
    };
  }
  if (e.kind === 'compare' && e.right.kind === 'const' && compareClass(e.left.type) !== 'other' && compareClass(e.left.type) !== 'float') {
    const left = compileExpr(e.left);
    const constant = e.right.value;
    const outcome = OUTCOMES[e.op];
    return (b) => {
      const sel: number[] = [];
      if (constant === null) return sel;
      const k = constant as number;
      const l = left(b);
      for (let i = 0; i < b.rowCount; i++) {
        const a = l[i] as number | null;
        if (a !== null && outcome[a < k ? 0 : a > k ? 2 : 1]) sel.push(i);
      }
      return sel;
    };
  }
  const evaluate = compileExpr(e);
  return (b) => {
    const v = evaluate(b);
    const sel: number[] = [];
    for (let i = 0; i < b.rowCount; i++) if (v[i] === true) sel.push(i);
    return sel;
  };
}

/** The input columns an expression reads, ascending. */
export function columnsUsed(e: PExpr): number[] {
  const used = new Set<number>();
  const visit = (x: PExpr): void => {
    switch (x.kind) {
      case 'col': used.add(x.index); return;
      case 'const': return;
      case 'call': x.args.forEach(visit); return;
      case 'cast': visit(x.expr); return;
      case 'and':
      case 'or': x.args.forEach(visit); return;
      case 'not': visit(x.arg); return;
      case 'isNull': visit(x.arg); return;
      case 'compare': visit(x.left); visit(x.right); return;
      case 'inList': visit(x.arg); x.list.forEach(visit); return;
      case 'case': x.whens.forEach((w) => { visit(w.when); visit(w.then); }); if (x.else) visit(x.else); return;
      case 'coalesce': x.args.forEach(visit); return;
      default: assertNever(x);
    }
  };
  visit(e);
  return [...used].sort((a, b) => a - b);
}

function allRows(n: number): number[] {
  const rows = new Array<number>(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** An evaluator applied to only `rows` of a batch (ascending, distinct), aligned with `rows`. */
interface SubEvaluator {
  readonly evaluate: Evaluator;
  readonly used: readonly number[];
}
function subEvaluator(e: PExpr): SubEvaluator {
  return { evaluate: compileExpr(e), used: columnsUsed(e) };
}
function evaluateOnRows(s: SubEvaluator, b: Batch, rows: readonly number[]): unknown[] {
  // Ascending distinct indices as many as the batch's rows are all of them, in order.
  if (rows.length === b.rowCount) return s.evaluate(b);
  return s.evaluate(gatherUsedColumns(b, rows, s.used));
}

// ---------------------------------------------------------------- calls and casts

function compileCall(id: string, args: readonly Evaluator[]): Evaluator {
  const { fn, strict } = getImplementation(id);
  if (args.length === 0) {
    // Evaluated per row: volatile functions (RANDOM) differ from row to row.
    return (b) => {
      const out = new Array<unknown>(b.rowCount);
      for (let i = 0; i < b.rowCount; i++) out[i] = fn();
      return out;
    };
  }
  if (args.length === 1) {
    const arg0 = args[0]!;
    return (b) => {
      const a = arg0(b);
      const out = new Array<unknown>(b.rowCount);
      for (let i = 0; i < b.rowCount; i++) {
        const x = a[i];
        out[i] = strict && x === null ? null : fn(x);
      }
      return out;
    };
  }
  if (args.length === 2) {
    const arg0 = args[0]!;
    const arg1 = args[1]!;
    return (b) => {
      const a = arg0(b);
      const c = arg1(b);
      const out = new Array<unknown>(b.rowCount);
      for (let i = 0; i < b.rowCount; i++) {
        const x = a[i];
        const y = c[i];
        out[i] = strict && (x === null || y === null) ? null : fn(x, y);
      }
      return out;
    };
  }
  return (b) => {
    const values = args.map((a) => a(b));
    const out = new Array<unknown>(b.rowCount);
    const row = new Array<unknown>(values.length);
    for (let i = 0; i < b.rowCount; i++) {
      let anyNull = false;
      for (let j = 0; j < values.length; j++) {
        const v = values[j]![i];
        row[j] = v;
        if (v === null) anyNull = true;
      }
      out[i] = strict && anyNull ? null : fn(...row);
    }
    return out;
  };
}

function compileCast(inner: Evaluator, from: SqlType, to: SqlType, explicit: boolean): Evaluator {
  if (typesEqual(from, to)) return inner;
  return (b) => inner(b).map((v) => (v === null ? null : castValue(v, from, to, explicit)));
}

// ---------------------------------------------------------------- logic

/**
 * AND (decisive value FALSE) or OR (decisive value TRUE), three-valued and lazy: each argument is
 * evaluated only on the rows not yet decided by the arguments before it.
 */
function compileConnective(argExprs: readonly PExpr[], isAnd: boolean): Evaluator {
  const args = argExprs.map(subEvaluator);
  const decisive = !isAnd;
  return (b) => {
    const result = new Array<unknown>(b.rowCount).fill(isAnd); // the neutral value
    let open = allRows(b.rowCount);
    for (const arg of args) {
      if (open.length === 0) break;
      const values = evaluateOnRows(arg, b, open);
      const stillOpen: number[] = [];
      for (let k = 0; k < open.length; k++) {
        const row = open[k]!;
        const v = values[k];
        if (v === decisive) {
          result[row] = decisive;
        } else {
          if (v === null) result[row] = null;
          stillOpen.push(row);
        }
      }
      open = stillOpen;
    }
    return result;
  };
}

/** Index by the sign of a comparison (<, =, >) -> whether `op` holds. */
const OUTCOMES: Record<CompareOp, readonly [boolean, boolean, boolean]> = {
  '=': [false, true, false],
  '<>': [true, false, true],
  '<': [true, false, false],
  '<=': [true, true, false],
  '>': [false, false, true],
  '>=': [false, true, true],
};

function compileCompare(op: CompareOp, left: Evaluator, right: Evaluator, type: SqlType): Evaluator {
  const outcome = OUTCOMES[op];
  const cls = compareClass(type);
  if (cls === 'int' || cls === 'big' || cls === 'bool') {
    return (b) => {
      const l = left(b);
      const r = right(b);
      const out = new Array<unknown>(b.rowCount);
      for (let i = 0; i < b.rowCount; i++) {
        const x = l[i] as number | null;
        const y = r[i] as number | null;
        out[i] = x === null || y === null ? null : outcome[x < y ? 0 : x > y ? 2 : 1];
      }
      return out;
    };
  }
  const compare = valueComparator(type);
  return (b) => {
    const l = left(b);
    const r = right(b);
    const out = new Array<unknown>(b.rowCount);
    for (let i = 0; i < b.rowCount; i++) {
      const x = l[i];
      const y = r[i];
      if (x === null || y === null) {
        out[i] = null;
      } else {
        const c = compare(x, y);
        out[i] = outcome[c < 0 ? 0 : c > 0 ? 2 : 1];
      }
    }
    return out;
  };
}

/**
 * x [NOT] IN (list): TRUE on a match; otherwise NULL if x or any list member is NULL, else FALSE
 * (NOT IN negates, keeping NULL). A list of constants of x's type becomes a Set of canonical keys.
 */
function compileInList(argExpr: PExpr, list: readonly PExpr[], not: boolean): Evaluator {
  const arg = compileExpr(argExpr);
  const type = argExpr.type;
  const onMatch = !not;
  if (list.every((m) => m.kind === 'const' && typesEqual(m.type, type))) {
    const members = new Set<KeyPrimitive>();
    let hasNull = false;
    for (const m of list) {
      const v = (m as Extract<PExpr, { kind: 'const' }>).value;
      if (v === null) hasNull = true;
      else members.add(canonicalKey(v));
    }
    const onMiss = hasNull ? null : not;
    return (b) => arg(b).map((v) => (v === null ? null : members.has(canonicalKey(v)) ? onMatch : onMiss));
  }
  const items = list.map(compileExpr);
  const compare = valueComparator(type);
  return (b) => {
    const values = arg(b);
    const lists = items.map((m) => m(b));
    const out = new Array<unknown>(b.rowCount);
    for (let i = 0; i < b.rowCount; i++) {
      const v = values[i];
      if (v === null) {
        out[i] = null;
        continue;
      }
      let result: boolean | null = not;
      for (const l of lists) {
        const w = l[i];
        if (w === null) result = null;
        else if (compare(v, w) === 0) {
          result = onMatch;
          break;
        }
      }
      out[i] = result;
    }
    return out;
  };
}

/** Searched CASE: each WHEN on the rows no earlier WHEN took, each THEN/ELSE on the rows it applies to. */
function compileCase(whens: readonly { readonly when: PExpr; readonly then: PExpr }[], elseExpr: PExpr | null): Evaluator {
  const branches = whens.map((w) => ({ when: subEvaluator(w.when), then: subEvaluator(w.then) }));
  const otherwise = elseExpr ? subEvaluator(elseExpr) : null;
  return (b) => {
    const result = new Array<unknown>(b.rowCount).fill(null);
    let open = allRows(b.rowCount);
    for (const { when, then } of branches) {
      if (open.length === 0) break;
      const conditions = evaluateOnRows(when, b, open);
      const taken: number[] = [];
      const rest: number[] = [];
      for (let k = 0; k < open.length; k++) (conditions[k] === true ? taken : rest).push(open[k]!);
      if (taken.length > 0) scatter(result, taken, evaluateOnRows(then, b, taken));
      open = rest;
    }
    if (otherwise && open.length > 0) scatter(result, open, evaluateOnRows(otherwise, b, open));
    return result;
  };
}

/** COALESCE: each argument only on the rows still NULL after the ones before it. */
function compileCoalesce(argExprs: readonly PExpr[]): Evaluator {
  const args = argExprs.map(subEvaluator);
  return (b) => {
    const result = new Array<unknown>(b.rowCount).fill(null);
    let open = allRows(b.rowCount);
    for (const arg of args) {
      if (open.length === 0) break;
      const values = evaluateOnRows(arg, b, open);
      const stillNull: number[] = [];
      for (let k = 0; k < open.length; k++) {
        const v = values[k];
        if (v === null) stillNull.push(open[k]!);
        else result[open[k]!] = v;
      }
      open = stillNull;
    }
    return result;
  };
}

function scatter(target: unknown[], rows: readonly number[], values: readonly unknown[]): void {
  for (let k = 0; k < rows.length; k++) target[rows[k]!] = values[k];
}
