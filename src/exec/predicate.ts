/**
 * Predicates compiled to row selections: the ascending indices of the rows where the predicate is
 * TRUE (not FALSE, not NULL), among candidate rows. AND narrows the candidates conjunct by conjunct,
 * OR unites what each disjunct selects among the rows not yet selected, and comparisons of a column
 * with a constant or another column loop straight over the column (typed when it is a NumColumn)
 * without building an intermediate boolean column.
 */
import { gatherUsedColumns } from './batch.js';
import { columnsUsed, compileExpr, OUTCOMES } from './expr.js';
import type { CompareOp, PExpr } from './spec.js';
import { compareClass, valueComparator } from './value-keys.js';
import { boxColumn, NumColumn, numericBoxing, toNumColumn, type VBatch } from './vector.js';

/** Selects among `rows` (ascending; null = every row of the batch). */
export type Selector = (batch: VBatch, rows: Int32Array | null) => Int32Array;

export function compilePredicate(e: PExpr): Selector {
  switch (e.kind) {
    case 'and': {
      const conjuncts = e.args.map(compilePredicate);
      return (b, rows) => {
        let selected = rows;
        for (const select of conjuncts) {
          selected = select(b, selected);
          if (selected.length === 0) break;
        }
        return selected ?? allRows(b.rowCount);
      };
    }
    case 'or': {
      const disjuncts = e.args.map(compilePredicate);
      return (b, rows) => {
        let selected: Int32Array = new Int32Array(0);
        let open = rows ?? allRows(b.rowCount);
        for (const select of disjuncts) {
          if (open.length === 0) break;
          const taken = select(b, open);
          if (taken.length === 0) continue;
          selected = union(selected, taken);
          open = difference(open, taken);
        }
        return selected;
      };
    }
    case 'compare':
      return compileComparison(e.op, e.left, e.right) ?? valueSelector(e);
    default:
      return valueSelector(e);
  }
}

function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Any predicate: evaluate it on the candidate rows, keep those where it is TRUE. */
function valueSelector(e: PExpr): Selector {
  const evaluate = compileExpr(e);
  const used = columnsUsed(e);
  return (b, rows) => {
    const values = evaluate(rows === null || rows.length === b.rowCount ? b : gatherUsedColumns(b, rows, used));
    const out = new Int32Array(values.length);
    let k = 0;
    for (let j = 0; j < values.length; j++) if (values[j] === true) out[k++] = rows === null ? j : rows[j]!;
    return out.subarray(0, k);
  };
}

/**
 * `col op const`, `const op col` or `col op col`; null for other shapes (those evaluate as values).
 * NumColumns compare natively unless the type is a float (NaN sorts above all, equal to itself).
 */
function compileComparison(op: CompareOp, left: PExpr, right: PExpr): Selector | null {
  if (left.kind === 'const' && right.kind === 'col') return compileComparison(FLIPPED[op], right, left);
  if (left.kind !== 'col' || (right.kind !== 'col' && right.kind !== 'const')) return null;
  const type = left.type;
  const outcome = OUTCOMES[op];
  const cls = compareClass(type);
  const boxing = numericBoxing(type);
  const native = boxing !== null && cls !== 'float';
  const index = left.index;
  if (right.kind === 'const') {
    const constant = right.value;
    if (constant === null) return () => new Int32Array(0);
    const asNumber = native ? toNumColumn([constant], boxing)?.values[0] : undefined;
    const compare = valueComparator(type);
    return (b, rows) => {
      const column = b.columns[index]!;
      if (asNumber !== undefined && column instanceof NumColumn) return selectNumberConstant(column, asNumber, outcome, rows, b.rowCount);
      return selectBoxed(boxColumn(column), (v) => compare(v, constant), outcome, rows, b.rowCount);
    };
  }
  const other = right.index;
  const compare = valueComparator(type);
  return (b, rows) => {
    const l = b.columns[index]!;
    const r = b.columns[other]!;
    if (native && l instanceof NumColumn && r instanceof NumColumn) return selectNumberColumns(l, r, outcome, rows, b.rowCount);
    const rv = boxColumn(r);
    return selectBoxed(boxColumn(l), (v, i) => (rv[i] === null ? null : compare(v, rv[i])), outcome, rows, b.rowCount);
  };
}

const FLIPPED: Record<CompareOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function selectNumberConstant(c: NumColumn, k: number, outcome: readonly boolean[], rows: Int32Array | null, n: number): Int32Array {
  const values = c.values;
  const nulls = c.nulls;
  const count = rows === null ? n : rows.length;
  const out = new Int32Array(count);
  let m = 0;
  for (let j = 0; j < count; j++) {
    const i = rows === null ? j : rows[j]!;
    if (nulls !== null && nulls[i] !== 0) continue;
    const v = values[i]!;
    if (outcome[v < k ? 0 : v > k ? 2 : 1]) out[m++] = i;
  }
  return out.subarray(0, m);
}

function selectNumberColumns(l: NumColumn, r: NumColumn, outcome: readonly boolean[], rows: Int32Array | null, n: number): Int32Array {
  const x = l.values;
  const y = r.values;
  const count = rows === null ? n : rows.length;
  const out = new Int32Array(count);
  let m = 0;
  for (let j = 0; j < count; j++) {
    const i = rows === null ? j : rows[j]!;
    if ((l.nulls !== null && l.nulls[i] !== 0) || (r.nulls !== null && r.nulls[i] !== 0)) continue;
    const a = x[i]!;
    const b = y[i]!;
    if (outcome[a < b ? 0 : a > b ? 2 : 1]) out[m++] = i;
  }
  return out.subarray(0, m);
}

/** `compare` gives the sign of the comparison of row i's non-null value, or null when the other side is NULL. */
function selectBoxed(
  values: readonly unknown[],
  compare: (v: unknown, i: number) => number | null,
  outcome: readonly boolean[],
  rows: Int32Array | null,
  n: number,
): Int32Array {
  const count = rows === null ? n : rows.length;
  const out = new Int32Array(count);
  let m = 0;
  for (let j = 0; j < count; j++) {
    const i = rows === null ? j : rows[j]!;
    const v = values[i];
    if (v === null) continue;
    const c = compare(v, i);
    if (c !== null && outcome[c < 0 ? 0 : c > 0 ? 2 : 1]) out[m++] = i;
  }
  return out.subarray(0, m);
}

/** Sorted union of two ascending, disjoint index lists. */
function union(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** The indices of ascending `all` not in its ascending subset `taken`. */
function difference(all: Int32Array, taken: Int32Array): Int32Array {
  const out = new Int32Array(all.length - taken.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < all.length; i++) {
    if (j < taken.length && all[i] === taken[j]) j++;
    else out[k++] = all[i]!;
  }
  return out;
}

