/**
 * Column pruning: every operator keeps only the columns something above it reads, so scans read
 * only the table columns the query uses (lineitem has 16; a query typically needs 3 or 4).
 * Each plan node is rebuilt for a set of needed output columns and reports where each needed
 * column ended up.
 */
import type { PExpr } from '../exec/spec.js';
import type { LPlan } from './logical.js';
import { mapColumns, referencedColumns } from './expr-utils.js';

interface Pruned {
  readonly plan: LPlan;
  /** Old output column -> new output column, for every needed column. */
  readonly map: ReadonlyMap<number, number>;
}

export function pruneColumns(plan: LPlan): LPlan {
  const all = plan.types.map((_, i) => i);
  const pruned = prune(plan, all);
  if (all.every((i) => pruned.map.get(i) === i) && pruned.plan.types.length === all.length) return pruned.plan;
  const exprs: PExpr[] = all.map((i) => ({ kind: 'col', index: pruned.map.get(i)!, type: plan.types[i]! }));
  return { kind: 'project', input: pruned.plan, exprs, types: plan.types };
}

function identity(plan: LPlan): Pruned {
  return { plan, map: new Map(plan.types.map((_, i) => [i, i])) };
}

function sortedUnique(xs: Iterable<number>): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

function remap(e: PExpr, map: ReadonlyMap<number, number>): PExpr {
  return mapColumns(e, (i) => map.get(i)!);
}

function prune(plan: LPlan, needed: readonly number[]): Pruned {
  switch (plan.kind) {
    case 'scan': {
      const width = plan.columns.length;
      let keep = needed.filter((i) => i < width);
      // A scan must still produce its rows: keep one column when none is read.
      if (keep.length === 0) keep = [0];
      const columns = keep.map((i) => plan.columns[i]!);
      const types = keep.map((i) => plan.types[i]!);
      const map = new Map(keep.map((old, i) => [old, i]));
      if (plan.withRowHandles) {
        map.set(width, keep.length);
        types.push(plan.types[width]!);
      }
      return { plan: { ...plan, columns, types }, map };
    }
    case 'values':
    case 'rows':
    case 'singleRow':
    case 'setOp':
    case 'distinct':
      // Row identity depends on every column (DISTINCT, set operations), or there is nothing to gain.
      return identity(prunedInside(plan));
    case 'filter': {
      const child = prune(plan.input, sortedUnique([...needed, ...referencedColumns(plan.predicate)]));
      return onlyNeeded({ plan: { kind: 'filter', input: child.plan, predicate: remap(plan.predicate, child.map), types: child.plan.types }, map: child.map }, needed);
    }
    case 'project': {
      const keep = needed.length > 0 ? needed : [];
      const child = prune(plan.input, sortedUnique(keep.flatMap((i) => referencedColumns(plan.exprs[i]!))));
      const exprs = keep.map((i) => remap(plan.exprs[i]!, child.map));
      return { plan: { kind: 'project', input: child.plan, exprs, types: exprs.map((e) => e.type) }, map: new Map(keep.map((old, i) => [old, i])) };
    }
    case 'join': {
      const leftWidth = plan.left.types.length;
      const cond = plan.condition ? referencedColumns(plan.condition) : [];
      const all = sortedUnique([...needed, ...cond]);
      const left = prune(plan.left, all.filter((i) => i < leftWidth));
      const right = prune(plan.right, all.filter((i) => i >= leftWidth).map((i) => i - leftWidth));
      const newLeftWidth = left.plan.types.length;
      const map = new Map<number, number>();
      for (const [o, n] of left.map) map.set(o, n);
      for (const [o, n] of right.map) map.set(o + leftWidth, n + newLeftWidth);
      const condition = plan.condition ? remap(plan.condition, map) : null;
      const semi = plan.joinType === 'semi' || plan.joinType === 'anti';
      const types = semi ? left.plan.types : [...left.plan.types, ...right.plan.types];
      const outMap = semi ? left.map : map;
      return onlyNeeded({ plan: { ...plan, left: left.plan, right: right.plan, condition, types }, map: outMap }, needed);
    }
    case 'aggregate': {
      const used = sortedUnique([...plan.groupKeys.flatMap((k) => referencedColumns(k)), ...plan.aggregates.flatMap(aggregateColumns)]);
      const child = prune(plan.input, used);
      const aggregates = plan.aggregates.map((a) => ({
        ...a,
        arg: a.arg ? remap(a.arg, child.map) : null,
        ...(a.orderBy ? { orderBy: a.orderBy.map((k) => ({ ...k, expr: remap(k.expr, child.map) })) } : {}),
      }));
      return identity({ ...plan, input: child.plan, groupKeys: plan.groupKeys.map((k) => remap(k, child.map)), aggregates });
    }
    case 'sort': {
      const child = prune(plan.input, sortedUnique([...needed, ...plan.keys.flatMap((k) => referencedColumns(k.expr))]));
      return { plan: { ...plan, input: child.plan, keys: plan.keys.map((k) => ({ ...k, expr: remap(k.expr, child.map) })), types: child.plan.types }, map: child.map };
    }
    case 'limit': {
      const child = prune(plan.input, needed);
      return { plan: { ...plan, input: child.plan, types: child.plan.types }, map: child.map };
    }
    case 'unionAll': {
      // Every branch keeps exactly the needed columns, in the same order.
      const keep = needed.length > 0 ? needed : [0];
      const inputs = plan.inputs.map((input) => {
        const child = prune(input, keep);
        const exprs: PExpr[] = keep.map((i) => ({ kind: 'col', index: child.map.get(i)!, type: input.types[i]! }));
        return { kind: 'project', input: child.plan, exprs, types: exprs.map((e) => e.type) } as LPlan;
      });
      return { plan: { kind: 'unionAll', inputs, types: keep.map((i) => plan.types[i]!) }, map: new Map(keep.map((old, i) => [old, i])) };
    }
    case 'window':
      return identity(prunedInside(plan));
  }
}

/**
 * A filter or join outputs the columns its own condition reads; when nothing above needs them, a
 * projection drops them, so they are not carried further — above all not across an exchange (TPC-H
 * Q13 would redistribute every order's comment after filtering on it).
 */
function onlyNeeded(pruned: Pruned, needed: readonly number[]): Pruned {
  // Something must still carry the rows when no column is needed.
  const keep = needed.length > 0 ? needed : [...pruned.map.keys()].slice(0, 1);
  if (keep.length === 0 || keep.length === pruned.plan.types.length) return pruned;
  const exprs: PExpr[] = keep.map((i) => {
    const index = pruned.map.get(i)!;
    return { kind: 'col', index, type: pruned.plan.types[index]! };
  });
  return { plan: { kind: 'project', input: pruned.plan, exprs, types: exprs.map((e) => e.type) }, map: new Map(keep.map((old, i) => [old, i])) };
}

function aggregateColumns(a: { readonly arg: PExpr | null; readonly orderBy?: readonly { readonly expr: PExpr }[] }): number[] {
  return [...(a.arg ? referencedColumns(a.arg) : []), ...(a.orderBy ?? []).flatMap((k) => referencedColumns(k.expr))];
}

/** A node that keeps all its columns, with its inputs pruned to all of their columns (pruning deeper inside). */
function prunedInside(plan: LPlan): LPlan {
  switch (plan.kind) {
    case 'values':
    case 'rows':
    case 'scan':
      return plan;
    case 'singleRow':
    case 'distinct':
      return { ...plan, input: pruneColumns(plan.input) };
    case 'setOp':
      return { ...plan, left: pruneColumns(plan.left), right: pruneColumns(plan.right) };
    case 'window':
      return { ...plan, input: pruneColumns(plan.input) };
    default:
      return plan;
  }
}
