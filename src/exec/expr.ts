/**
 * The expression compiler: turns a PExpr into a vectorized evaluator that computes one value per row
 * of a batch. Compile once per task, evaluate per batch.
 *
 * Numeric arithmetic and casts run as typed kernels over NumColumns (expr-numeric.ts) and return
 * NumColumns; everything else evaluates over engine values (boxing its inputs), and a typed kernel
 * that cannot compute a batch exactly hands that batch to the same generic code.
 *
 * SQL semantics kept here: three-valued AND/OR/NOT, NULL-propagating comparisons, IN lists with NULL
 * members, and lazy CASE/COALESCE/AND/OR — a branch is only evaluated on the rows that reach it (on a
 * sub-batch of those rows), so `CASE WHEN b = 0 THEN NULL ELSE a / b END` never divides by zero.
 */
import { assertNever, castValue, getImplementation, isStringType, typesEqual, type SqlType } from '../types/index.js';
import { constantColumn, gatherUsedColumns } from './batch.js';
import { numericBinary, numericCast } from './expr-numeric.js';
import type { CompareOp, PExpr } from './spec.js';
import { canonicalKey, compareClass, valueComparator, type KeyPrimitive } from './value-keys.js';
import { boxColumn, NumColumn, numericBoxing, toNumColumn, type Column, type VBatch } from './vector.js';

/** Evaluates to a column that may be a NumColumn. Results may be the batch's own columns: read-only. */
export type VectorEvaluator = (batch: VBatch) => Column;
/** Evaluates to engine values. Results may be the batch's own columns: read-only. */
export type Evaluator = (batch: VBatch) => unknown[];

/** Compile an expression to an evaluator of engine values. */
export function compileExpr(e: PExpr): Evaluator {
  const evaluate = compileVector(e);
  return (b) => boxColumn(evaluate(b));
}

/**
 * Compile several expressions evaluated on the same batches (a projection's, an aggregation's keys
 * and arguments): a call or cast occurring more than once among them is computed once per batch
 * (TPC-H Q01 sums both `price * (1 - discount)` and that times `(1 + tax)`). Zero-argument calls
 * (RANDOM) are evaluated at each occurrence.
 */
export function compileVectors(exprs: readonly PExpr[]): VectorEvaluator[] {
  const seen = new Set<string>();
  const repeated = new Map<string, VectorEvaluator | null>();
  const visit = (e: PExpr): void => {
    if (e.kind === 'cast' || (e.kind === 'call' && e.args.length > 0)) {
      const key = structuralKey(e);
      if (seen.has(key)) {
        repeated.set(key, null);
        return; // its parts are repeated too, and computed inside it
      }
      seen.add(key);
    }
    forEachChild(e, visit);
  };
  exprs.forEach(visit);
  return exprs.map((e) => compileVector(e, repeated));
}

/** Compile an expression to an evaluator whose numeric results may stay NumColumns. */
export function compileVector(e: PExpr, shared?: Map<string, VectorEvaluator | null>): VectorEvaluator {
  if (shared !== undefined && shared.size > 0 && (e.kind === 'call' || e.kind === 'cast')) {
    const key = structuralKey(e);
    if (shared.has(key)) {
      let evaluator = shared.get(key);
      if (!evaluator) {
        evaluator = lastBatchMemo(compileNode(e, shared));
        shared.set(key, evaluator);
      }
      return evaluator;
    }
  }
  return compileNode(e, shared);
}

/** The evaluator, remembering its result for the batch it last saw (batches are immutable). */
function lastBatchMemo(evaluate: VectorEvaluator): VectorEvaluator {
  let lastBatch: VBatch | null = null;
  let lastResult: Column = [];
  return (b) => {
    if (b !== lastBatch) {
      lastResult = evaluate(b);
      lastBatch = b;
    }
    return lastResult;
  };
}

function structuralKey(e: PExpr): string {
  return JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function forEachChild(x: PExpr, f: (child: PExpr) => void): void {
  switch (x.kind) {
    case 'col':
    case 'const':
      return;
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      x.args.forEach(f);
      return;
    case 'cast': f(x.expr); return;
    case 'not':
    case 'isNull':
      f(x.arg);
      return;
    case 'compare': f(x.left); f(x.right); return;
    case 'inList': f(x.arg); x.list.forEach(f); return;
    case 'case': x.whens.forEach((w) => { f(w.when); f(w.then); }); if (x.else) f(x.else); return;
    default: assertNever(x);
  }
}

function compileNode(e: PExpr, shared: Map<string, VectorEvaluator | null> | undefined): VectorEvaluator {
  switch (e.kind) {
    case 'col': {
      const index = e.index;
      return (b) => b.columns[index]!;
    }
    case 'const':
      return compileConstant(e.value, e.type);
    case 'call':
      return compileCall(e.id, e.args, shared);
    case 'cast':
      return compileCast(e.expr, e.type, e.explicit, shared);
    case 'and':
    case 'or':
      return compileConnective(e.args, e.kind === 'and');
    case 'not': {
      const arg = compileExpr(e.arg);
      return (b) => arg(b).map((v) => (v === null ? null : !v));
    }
    case 'isNull':
      return compileIsNull(compileVector(e.arg), e.not);
    case 'compare':
      return compileCompare(e.op, compileVector(e.left), compileVector(e.right), e.left.type);
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

/** The input columns an expression reads, ascending. */
export function columnsUsed(e: PExpr): number[] {
  const used = new Set<number>();
  const visit = (x: PExpr): void => {
    if (x.kind === 'col') used.add(x.index);
    else forEachChild(x, visit);
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
function evaluateOnRows(s: SubEvaluator, b: VBatch, rows: readonly number[]): unknown[] {
  // Ascending distinct indices as many as the batch's rows are all of them, in order.
  if (rows.length === b.rowCount) return s.evaluate(b);
  return s.evaluate(gatherUsedColumns(b, rows, s.used));
}

// ---------------------------------------------------------------- constants, calls and casts

/** A constant column; numbers as a NumColumn over one shared buffer (columns are read-only). */
function compileConstant(value: unknown, type: SqlType): VectorEvaluator {
  const boxing = numericBoxing(type);
  // The number form, unless there is none (a string, NULL, a bigint beyond 2^53).
  const x = boxing === null || value === null ? undefined : toNumColumn([value], boxing)?.values[0];
  if (x === undefined) return (b) => constantColumn(value, b.rowCount);
  let filled = new Float64Array(0);
  return (b) => {
    if (filled.length < b.rowCount) filled = new Float64Array(b.rowCount).fill(x);
    return new NumColumn(filled.length === b.rowCount ? filled : filled.subarray(0, b.rowCount), null, boxing!);
  };
}

function compileCall(id: string, argExprs: readonly PExpr[], shared: Map<string, VectorEvaluator | null> | undefined): VectorEvaluator {
  const args = argExprs.map((a) => compileVector(a, shared));
  const generic = genericCall(id);
  const kernel = args.length === 2 ? numericBinary(id) : null;
  if (kernel !== null) {
    const [left, right] = args as [VectorEvaluator, VectorEvaluator];
    const leftBoxing = numericBoxing(argExprs[0]!.type)!;
    const rightBoxing = numericBoxing(argExprs[1]!.type)!;
    return (b) => {
      const l = left(b);
      const r = right(b);
      const x = toNumColumn(l, leftBoxing);
      const y = x && toNumColumn(r, rightBoxing);
      const typed = x && y ? kernel(x, y, b.rowCount) : null;
      return typed ?? generic([l, r], b.rowCount);
    };
  }
  return (b) => generic(args.map((a) => a(b)), b.rowCount);
}

/** A call evaluated row by row by its types/ implementation over engine values. */
function genericCall(id: string): (args: readonly Column[], n: number) => unknown[] {
  const { fn, strict } = getImplementation(id);
  return (columns, n) => {
    const out = new Array<unknown>(n);
    if (columns.length === 0) {
      // Evaluated per row: volatile functions (RANDOM) differ from row to row.
      for (let i = 0; i < n; i++) out[i] = fn();
      return out;
    }
    if (columns.length === 1) {
      const a = boxColumn(columns[0]!);
      for (let i = 0; i < n; i++) {
        const x = a[i];
        out[i] = strict && x === null ? null : fn(x);
      }
      return out;
    }
    if (columns.length === 2) {
      const a = boxColumn(columns[0]!);
      const c = boxColumn(columns[1]!);
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = c[i];
        out[i] = strict && (x === null || y === null) ? null : fn(x, y);
      }
      return out;
    }
    const values = columns.map(boxColumn);
    const row = new Array<unknown>(values.length);
    for (let i = 0; i < n; i++) {
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

function compileCast(innerExpr: PExpr, to: SqlType, explicit: boolean, shared: Map<string, VectorEvaluator | null> | undefined): VectorEvaluator {
  const inner = compileVector(innerExpr, shared);
  const from = innerExpr.type;
  if (typesEqual(from, to)) return inner;
  const generic = (c: Column): unknown[] => boxColumn(c).map((v) => (v === null ? null : castValue(v, from, to, explicit)));
  const kernel = numericCast(from, to);
  if (kernel === null) return (b) => generic(inner(b));
  const fromBoxing = numericBoxing(from)!;
  return (b) => {
    const c = inner(b);
    const x = toNumColumn(c, fromBoxing);
    return (x && kernel(x, b.rowCount)) ?? generic(c);
  };
}

// ---------------------------------------------------------------- logic

/**
 * AND (decisive value FALSE) or OR (decisive value TRUE), three-valued and lazy: each argument is
 * evaluated only on the rows not yet decided by the arguments before it.
 */
function compileConnective(argExprs: readonly PExpr[], isAnd: boolean): VectorEvaluator {
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

function compileIsNull(arg: VectorEvaluator, not: boolean): VectorEvaluator {
  return (b) => {
    const c = arg(b);
    if (c instanceof NumColumn) {
      const out = new Array<unknown>(b.rowCount).fill(not);
      if (c.nulls !== null) for (let i = 0; i < b.rowCount; i++) if (c.nulls[i] !== 0) out[i] = !not;
      return out;
    }
    return c.map((v) => (v === null) !== not);
  };
}

/** Index by the sign of a comparison (<, =, >) -> whether `op` holds. */
export const OUTCOMES: Record<CompareOp, readonly [boolean, boolean, boolean]> = {
  '=': [false, true, false],
  '<>': [true, false, true],
  '<': [true, false, false],
  '<=': [true, true, false],
  '>': [false, false, true],
  '>=': [false, true, true],
};

function compileCompare(op: CompareOp, left: VectorEvaluator, right: VectorEvaluator, type: SqlType): VectorEvaluator {
  const outcome = OUTCOMES[op];
  const cls = compareClass(type);
  if (cls === 'int' || cls === 'big' || cls === 'bool') {
    return (b) => {
      const l = left(b);
      const r = right(b);
      const out = new Array<unknown>(b.rowCount);
      if (l instanceof NumColumn && r instanceof NumColumn) {
        const x = l.values;
        const y = r.values;
        for (let i = 0; i < b.rowCount; i++) out[i] = outcome[x[i]! < y[i]! ? 0 : x[i]! > y[i]! ? 2 : 1];
        if (l.nulls !== null) for (let i = 0; i < b.rowCount; i++) if (l.nulls[i] !== 0) out[i] = null;
        if (r.nulls !== null) for (let i = 0; i < b.rowCount; i++) if (r.nulls[i] !== 0) out[i] = null;
        return out;
      }
      // number and bigint compare exactly with each other, so mixed representations need no conversion.
      const lv = boxColumn(l);
      const rv = boxColumn(r);
      for (let i = 0; i < b.rowCount; i++) {
        const x = lv[i] as number | null;
        const y = rv[i] as number | null;
        out[i] = x === null || y === null ? null : outcome[x < y ? 0 : x > y ? 2 : 1];
      }
      return out;
    };
  }
  const compare = valueComparator(type);
  return (b) => {
    const l = boxColumn(left(b));
    const r = boxColumn(right(b));
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
 * (NOT IN negates, keeping NULL). A list of constants of x's type (or strings, for a string x)
 * becomes a Set of canonical keys.
 */
function compileInList(argExpr: PExpr, list: readonly PExpr[], not: boolean): VectorEvaluator {
  const arg = compileExpr(argExpr);
  const type = argExpr.type;
  const onMatch = !not;
  // Strings of any CHAR/VARCHAR type compare as their canonical keys (trailing blanks ignored).
  if (list.every((m) => m.kind === 'const' && (typesEqual(m.type, type) || (isStringType(m.type) && isStringType(type))))) {
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
function compileCase(whens: readonly { readonly when: PExpr; readonly then: PExpr }[], elseExpr: PExpr | null): VectorEvaluator {
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
function compileCoalesce(argExprs: readonly PExpr[]): VectorEvaluator {
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
