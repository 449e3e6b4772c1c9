/**
 * The distribution planner: decides where each part of a logical plan runs and where rows must
 * move, and cuts the plan into fragments (Redshift's streams) separated by exchanges.
 *
 * Placement of an intermediate result:
 * - 'hashed': spread over all slices, rows with equal `keys` on one slice (KEY tables, redistributed rows);
 * - 'spread': spread over all slices in no useful way (EVEN tables);
 * - 'replicated': every node can read the whole result locally (DISTSTYLE ALL tables);
 * - 'leader': only on the leader (constants, system tables, merged results).
 * Joins follow Redshift's labels: DS_DIST_NONE (co-located), DS_DIST_ALL_NONE (inner is ALL),
 * DS_DIST_INNER / DS_DIST_OUTER (one side redistributed), DS_BCAST_INNER, DS_DIST_BOTH.
 */
import type { CompareOp, Fragment, FragmentOutput, JoinType, PExpr, POp, PhysicalPlan, RangeFilter, SortKey } from '../exec/spec.js';
import { assertNever, isIntegerType, typesEqual, type SqlType } from '../types/index.js';
import type { LPlan } from './logical.js';
import { mapColumns, pexprKey, VOLATILE_ID_PREFIX } from './expr-utils.js';
import { andAll, conjuncts } from './optimize.js';

type Placement =
  | { readonly kind: 'hashed'; readonly keys: readonly number[]; readonly keyTypes: readonly SqlType[] }
  | { readonly kind: 'spread' }
  | { readonly kind: 'replicated' }
  | { readonly kind: 'leader' };

interface Placed {
  readonly op: POp;
  readonly placement: Placement;
  readonly types: readonly SqlType[];
  /** Row estimate, for choosing build sides and broadcasts. */
  readonly rows: number;
}

export type DistLabel = 'DS_DIST_NONE' | 'DS_DIST_ALL_NONE' | 'DS_DIST_INNER' | 'DS_DIST_OUTER' | 'DS_BCAST_INNER' | 'DS_DIST_BOTH' | 'DS_DIST_ALL_INNER';

export interface PlanningInput {
  /** Live rows of a table (statistics for join planning). */
  tableRows(tableId: number): number;
}

/** Inner sides up to this many estimated rows may be broadcast (every slice holds a copy). */
const BROADCAST_ROWS = 20_000;
/**
 * Copies a broadcast makes, for comparing it with a redistribution: the planner does not know the
 * cluster's size, and the default cluster has 4 slices.
 */
const BROADCAST_COPIES = 4;

export function toPhysical(plan: LPlan, names: readonly string[], input: PlanningInput): PhysicalPlan & { joinLabels: DistLabel[] } {
  const builder = new FragmentBuilder(input);
  const top = builder.place(plan);
  const leader = builder.toLeader(top);
  return { fragments: builder.fragments, leader, names, types: plan.types, joinLabels: builder.joinLabels };
}

class FragmentBuilder {
  readonly fragments: Fragment[] = [];
  readonly joinLabels: DistLabel[] = [];

  constructor(private readonly input: PlanningInput) {}

  /** Fragments by what they compute, so that one computed twice (a view used twice: TPC-H Q15) runs once. */
  private readonly fragmentIds = new Map<string, number>();

  private addFragment(p: Placed, output: FragmentOutput): number {
    const fragment = { root: p.op, output, types: p.types, slices: p.placement.kind === 'replicated' ? [0] : null };
    const key = pexprKey(fragment);
    // A volatile call (RANDOM()) must be evaluated for each use.
    const shareable = !key.includes(`"id":"${VOLATILE_ID_PREFIX}`);
    const existing = shareable ? this.fragmentIds.get(key) : undefined;
    if (existing !== undefined) return existing;
    const id = this.fragments.length;
    this.fragments.push({ id, ...fragment });
    if (shareable) this.fragmentIds.set(key, id);
    return id;
  }

  /** Bring a result to the leader (gather). */
  toLeader(p: Placed): POp {
    if (p.placement.kind === 'leader') return p.op;
    const id = this.addFragment(p, { kind: 'gather' });
    return { kind: 'exchange', fragmentId: id, types: p.types };
  }

  private redistribute(p: Placed, keys: readonly PExpr[]): Placed {
    const id = this.addFragment(p, { kind: 'hash', keys });
    const cols = keys.map((k) => (k.kind === 'col' ? k.index : -1));
    const placement: Placement = cols.every((c) => c >= 0) ? { kind: 'hashed', keys: cols, keyTypes: keys.map((k) => k.type) } : { kind: 'spread' };
    return { op: { kind: 'exchange', fragmentId: id, types: p.types }, placement, types: p.types, rows: p.rows };
  }

  private broadcast(p: Placed): Placed {
    const id = this.addFragment(p, { kind: 'broadcast' });
    return { op: { kind: 'exchange', fragmentId: id, types: p.types }, placement: { kind: 'replicated' }, types: p.types, rows: p.rows };
  }

  place(plan: LPlan): Placed {
    switch (plan.kind) {
      case 'scan': {
        const t = plan.table;
        const rows = this.input.tableRows(t.id);
        const op: POp = {
          kind: 'scan',
          tableId: t.id,
          columns: plan.columns,
          types: plan.types,
          filter: null,
          rangeFilters: [],
          allCopy: t.effectiveDistStyle === 'all',
          withRowHandles: plan.withRowHandles,
        };
        let placement: Placement = { kind: 'spread' };
        if (t.effectiveDistStyle === 'all') placement = { kind: 'replicated' };
        else if (t.effectiveDistStyle === 'key' && t.distKey !== null && plan.columns.includes(t.distKey)) {
          placement = { kind: 'hashed', keys: [plan.columns.indexOf(t.distKey)], keyTypes: [t.columns[t.distKey]!.type] };
        }
        return { op, placement, types: plan.types, rows };
      }
      case 'values':
        return { op: { kind: 'values', rows: plan.rows, types: plan.types }, placement: { kind: 'leader' }, types: plan.types, rows: plan.rows.length };
      case 'rows':
        return { op: { kind: 'rows', batch: plan.batch, types: plan.types }, placement: { kind: 'leader' }, types: plan.types, rows: plan.batch.rowCount };
      case 'filter': {
        const child = this.place(plan.input);
        // Fold the predicate into the scan so rows are dropped as they are read.
        if (child.op.kind === 'scan' && child.op.filter === null && plan.input.kind === 'scan') {
          const rangeFilters = zoneMapRanges(plan.input, plan.predicate);
          return { ...child, op: { ...child.op, filter: plan.predicate, rangeFilters }, rows: Math.ceil(child.rows / 3) };
        }
        return { ...child, op: { kind: 'filter', input: child.op, predicate: plan.predicate }, rows: Math.ceil(child.rows / 3) };
      }
      case 'project': {
        const child = this.place(plan.input);
        return { op: { kind: 'project', input: child.op, exprs: plan.exprs }, placement: projectPlacement(child.placement, plan.exprs), types: plan.types, rows: child.rows };
      }
      case 'join':
        return this.placeJoin(plan);
      case 'aggregate':
        return this.placeAggregate(plan);
      case 'sort':
        return this.placeSort(plan.input, plan.keys, null, 0, plan.types);
      case 'limit': {
        if (plan.input.kind === 'sort') return this.placeSort(plan.input.input, plan.input.keys, plan.limit, plan.offset, plan.types);
        const child = this.place(plan.input);
        if (child.placement.kind === 'leader') return { ...child, op: { kind: 'limit', input: child.op, limit: plan.limit, offset: plan.offset } };
        const perSlice: POp = { kind: 'limit', input: child.op, limit: plan.limit === null ? null : plan.limit + plan.offset, offset: 0 };
        const gathered = this.toLeader({ ...child, op: perSlice });
        return leaderResult({ kind: 'limit', input: gathered, limit: plan.limit, offset: plan.offset }, plan.types, plan.limit ?? child.rows);
      }
      case 'distinct': {
        const child = this.place(plan.input);
        if (child.placement.kind === 'leader') return { ...child, op: { kind: 'distinct', input: child.op } };
        const local: POp = { kind: 'distinct', input: child.op };
        if (child.placement.kind === 'hashed') return { ...child, op: local };
        return leaderResult({ kind: 'distinct', input: this.toLeader({ ...child, op: local }) }, plan.types, child.rows);
      }
      case 'window':
        return this.placeWindow(plan);
      case 'unionAll': {
        const inputs = plan.inputs.map((i) => this.toLeader(this.place(i)));
        return leaderResult({ kind: 'append', inputs }, plan.types, inputs.length);
      }
      case 'singleRow': {
        const child = this.placeEverywhere(plan.input);
        return { ...child, op: { kind: 'singleRow', input: child.op }, rows: 1 };
      }
      case 'setOp': {
        const left = this.place(plan.left);
        const right = this.place(plan.right);
        return leaderResult({ kind: 'setOp', op: plan.op, left: this.toLeader(left), right: this.toLeader(right) }, plan.types, left.rows);
      }
      default:
        return assertNever(plan);
    }
  }

  /**
   * A (small) result every slice can read without moving the consumer: computed on the leader, or
   * replicated. A scalar aggregate's per-slice partial states are broadcast so that each slice
   * finishes the aggregate itself; other distributed results are broadcast as they are.
   */
  private placeEverywhere(plan: LPlan): Placed {
    if (plan.kind === 'project' || plan.kind === 'filter') {
      const child = this.placeEverywhere(plan.input);
      const op: POp = plan.kind === 'project' ? { kind: 'project', input: child.op, exprs: plan.exprs } : { kind: 'filter', input: child.op, predicate: plan.predicate };
      return { ...child, op, types: plan.types };
    }
    if (plan.kind === 'aggregate' && plan.groupKeys.length === 0) {
      const child = this.place(plan.input);
      if (child.placement.kind === 'spread' || child.placement.kind === 'hashed') {
        const partial: POp = { kind: 'aggregate', input: child.op, phase: 'partial', groupKeys: [], aggregates: plan.aggregates };
        const states = this.broadcast({ op: partial, placement: child.placement, types: plan.types, rows: 1 });
        return { op: { kind: 'aggregate', input: states.op, phase: 'final', groupKeys: [], aggregates: plan.aggregates }, placement: { kind: 'replicated' }, types: plan.types, rows: 1 };
      }
    }
    const placed = this.place(plan);
    return placed.placement.kind === 'spread' || placed.placement.kind === 'hashed' ? this.broadcast(placed) : placed;
  }

  /** Sort per slice (top-N when limited), then merge the sorted runs on the leader. */
  private placeSort(inputPlan: LPlan, keys: readonly SortKey[], limit: number | null, offset: number, types: readonly SqlType[]): Placed {
    const child = this.place(inputPlan);
    const keep = limit === null ? null : limit + offset;
    if (child.placement.kind === 'leader') {
      const sorted: POp = { kind: 'sort', input: child.op, keys, limit: keep };
      return leaderResult(offset > 0 || keep !== null ? { kind: 'limit', input: sorted, limit, offset } : sorted, types, child.rows);
    }
    const local: POp = { kind: 'sort', input: child.op, keys, limit: keep };
    const id = this.addFragment({ ...child, op: local }, { kind: 'gather' });
    const merged: POp = { kind: 'merge', fragmentId: id, keys, limit: keep };
    return leaderResult(offset > 0 ? { kind: 'limit', input: merged, limit, offset } : merged, types, keep ?? child.rows);
  }

  /**
   * Window functions need whole partitions in one task: with PARTITION BY they run per slice once the
   * rows are hashed on (a subset of) the partition keys, redistributing when they are not; without it
   * they run on the leader over the gathered rows. The appended columns leave the placement intact.
   */
  private placeWindow(plan: Extract<LPlan, { kind: 'window' }>): Placed {
    const child = this.place(plan.input);
    const windowOver = (input: POp): POp => ({ kind: 'window', input, partitionBy: plan.partitionBy, orderBy: plan.orderBy, functions: plan.functions });
    if (plan.partitionBy.length === 0 || child.placement.kind === 'leader' || child.placement.kind === 'replicated') {
      return leaderResult(windowOver(this.toLeader(child)), plan.types, child.rows);
    }
    const local = child.placement.kind === 'hashed' && hashedOn(child.placement, plan.partitionBy) ? child : this.redistribute(child, plan.partitionBy);
    return { op: windowOver(local.op), placement: local.placement, types: plan.types, rows: child.rows };
  }

  private placeAggregate(plan: Extract<LPlan, { kind: 'aggregate' }>): Placed {
    const child = this.place(plan.input);
    const rows = plan.groupKeys.length === 0 ? 1 : Math.max(1, Math.ceil(child.rows / 10));
    const single = (input: POp): POp => ({ kind: 'aggregate', input, phase: 'single', groupKeys: plan.groupKeys, aggregates: plan.aggregates });
    if (child.placement.kind === 'leader') return leaderResult(single(child.op), plan.types, rows);
    // Over a full copy the groups are whole on every node: aggregated where the copy is read, not on the leader.
    if (child.placement.kind === 'replicated') return { op: single(child.op), placement: { kind: 'replicated' }, types: plan.types, rows };
    // Groups never span slices when the input is hashed on a subset of the group keys.
    if (child.placement.kind === 'hashed') {
      const groupCols = plan.groupKeys.map((k) => (k.kind === 'col' ? k.index : -1));
      const placement = child.placement;
      if (placement.keys.every((k) => groupCols.includes(k))) {
        const outKeys = placement.keys.map((k) => groupCols.indexOf(k));
        return { op: single(child.op), placement: { kind: 'hashed', keys: outKeys, keyTypes: placement.keyTypes }, types: plan.types, rows };
      }
    }
    const partial: POp = { kind: 'aggregate', input: child.op, phase: 'partial', groupKeys: plan.groupKeys, aggregates: plan.aggregates };
    const partialTypes = [...plan.groupKeys.map((k) => k.type), ...plan.aggregates.map((a) => a.type)];
    const finalKeys = plan.groupKeys.map((k, i): PExpr => ({ kind: 'col', index: i, type: k.type }));
    if (finalKeys.length > 0) {
      // Partial states redistributed by group key: each slice finishes its groups, and the result stays spread.
      const states = this.redistribute({ op: partial, placement: child.placement, types: partialTypes, rows }, finalKeys);
      return { op: { kind: 'aggregate', input: states.op, phase: 'final', groupKeys: finalKeys, aggregates: plan.aggregates }, placement: states.placement, types: plan.types, rows };
    }
    const gathered = this.toLeader({ op: partial, placement: child.placement, types: partialTypes, rows });
    return leaderResult({ kind: 'aggregate', input: gathered, phase: 'final', groupKeys: finalKeys, aggregates: plan.aggregates }, plan.types, rows);
  }

  private placeJoin(plan: Extract<LPlan, { kind: 'join' }>): Placed {
    let left = this.place(plan.left);
    let right = this.place(plan.right);
    const leftWidth = plan.left.types.length;
    const { pairs, residual } = equiKeys(plan.condition, leftWidth);
    const joinType: JoinType = plan.joinType;

    if (left.placement.kind === 'leader' || right.placement.kind === 'leader') {
      return leaderResult(joinOp(joinType, this.toLeader(left), this.toLeader(right), pairs, residual, plan.condition), plan.types, Math.max(left.rows, right.rows));
    }
    if (pairs.length === 0) {
      // Nested loop: the inner side must be complete wherever the outer side is.
      if (right.placement.kind !== 'replicated' && (joinType === 'inner' || joinType === 'left' || joinType === 'semi' || joinType === 'anti')) {
        right = this.broadcast(right);
        this.joinLabels.push('DS_BCAST_INNER');
      }
      if (right.placement.kind === 'replicated' && joinType !== 'right' && joinType !== 'full') {
        const op = joinOp(joinType, left.op, right.op, pairs, residual, plan.condition);
        return { op, placement: left.placement.kind === 'replicated' ? { kind: 'replicated' } : { kind: 'spread' }, types: plan.types, rows: left.rows * right.rows };
      }
      return leaderResult(joinOp(joinType, this.toLeader(left), this.toLeader(right), pairs, residual, plan.condition), plan.types, left.rows * right.rows);
    }

    const leftKeys = pairs.map((p) => p.left);
    const rightKeys = pairs.map((p) => p.right);
    const rows = Math.max(left.rows, right.rows);
    const resultPlacement = (): Placement => {
      if (joinType === 'full') return { kind: 'spread' };
      if (joinType === 'right') return shiftPlacement(right.placement, leftWidth);
      return left.placement;
    };
    const inFragment = (label: DistLabel): Placed => {
      this.joinLabels.push(label);
      return { op: joinOp(joinType, left.op, right.op, pairs, residual, plan.condition), placement: resultPlacement(), types: plan.types, rows };
    };

    if (left.placement.kind === 'replicated' && right.placement.kind === 'replicated') return { ...inFragment('DS_DIST_NONE'), placement: { kind: 'replicated' } };
    if (colocated(left.placement, right.placement, leftKeys, rightKeys)) return inFragment('DS_DIST_NONE');
    const outerPreserving = joinType === 'inner' || joinType === 'left' || joinType === 'semi' || joinType === 'anti';
    if (right.placement.kind === 'replicated' && outerPreserving) return inFragment('DS_DIST_ALL_NONE');
    if (left.placement.kind === 'replicated' && (joinType === 'inner' || joinType === 'right')) {
      // Swap so the ALL table is the inner (build) side, then restore the column order.
      return this.swappedJoin(plan, left, right, pairs, residual, leftWidth);
    }
    // Move as few rows as possible: redistributing a side moves its rows once, broadcasting the
    // inner side moves a copy to every slice; a side already hashed on its join keys can stay.
    const leftStays = left.placement.kind === 'hashed' && hashedOn(left.placement, leftKeys) && right.placement.kind !== 'replicated';
    const rightStays = right.placement.kind === 'hashed' && hashedOn(right.placement, rightKeys) && left.placement.kind !== 'replicated';
    const canBroadcast = right.rows <= BROADCAST_ROWS && outerPreserving && left.placement.kind !== 'replicated';
    const options: { label: DistLabel; rowsMoved: number }[] = [];
    if (leftStays) options.push({ label: 'DS_DIST_INNER', rowsMoved: right.rows });
    if (rightStays) options.push({ label: 'DS_DIST_OUTER', rowsMoved: left.rows });
    if (canBroadcast) options.push({ label: 'DS_BCAST_INNER', rowsMoved: right.rows * BROADCAST_COPIES });
    options.push({ label: 'DS_DIST_BOTH', rowsMoved: left.rows + right.rows });
    const best = options.reduce((a, b) => (b.rowsMoved < a.rowsMoved ? b : a));
    switch (best.label) {
      case 'DS_DIST_INNER':
        right = this.redistribute(right, alignKeys(left.placement as Extract<Placement, { kind: 'hashed' }>, leftKeys, rightKeys));
        break;
      case 'DS_DIST_OUTER':
        left = this.redistribute(left, alignKeys(right.placement as Extract<Placement, { kind: 'hashed' }>, rightKeys, leftKeys));
        break;
      case 'DS_BCAST_INNER':
        right = this.broadcast(right);
        break;
      default:
        left = this.redistribute(left, leftKeys);
        right = this.redistribute(right, rightKeys);
    }
    return inFragment(best.label);
  }

  private swappedJoin(
    plan: Extract<LPlan, { kind: 'join' }>,
    left: Placed,
    right: Placed,
    pairs: readonly KeyPair[],
    residual: PExpr | null,
    leftWidth: number,
  ): Placed {
    const rightWidth = plan.right.types.length;
    // In the swapped row, right columns come first.
    const swapIndex = (i: number): number => (i < leftWidth ? i + rightWidth : i - leftWidth);
    const swappedResidual = residual ? mapColumns(residual, swapIndex) : null;
    const op: POp = {
      kind: 'hashJoin',
      joinType: plan.joinType === 'right' ? 'left' : 'inner',
      probe: right.op,
      build: left.op,
      probeKeys: pairs.map((p) => p.right),
      buildKeys: pairs.map((p) => p.left),
      residual: swappedResidual,
    };
    const reorder: PExpr[] = plan.types.map((t, i) => ({ kind: 'col', index: swapIndex(i), type: t }));
    this.joinLabels.push('DS_DIST_ALL_NONE');
    const placement = right.placement.kind === 'hashed' ? shiftPlacement(right.placement, leftWidth) : right.placement;
    return { op: { kind: 'project', input: op, exprs: reorder }, placement, types: plan.types, rows: Math.max(left.rows, right.rows) };
  }
}

function leaderResult(op: POp, types: readonly SqlType[], rows: number): Placed {
  return { op, placement: { kind: 'leader' }, types, rows };
}

interface KeyPair {
  /** Over the left input's columns. */
  readonly left: PExpr;
  /** Over the right input's columns. */
  readonly right: PExpr;
}

/** Split a join condition into equality pairs (left expr = right expr) and the rest. */
function equiKeys(condition: PExpr | null, leftWidth: number): { pairs: KeyPair[]; residual: PExpr | null } {
  if (!condition) return { pairs: [], residual: null };
  const pairs: KeyPair[] = [];
  const rest: PExpr[] = [];
  for (const c of conjuncts(condition)) {
    if (c.kind === 'compare' && c.op === '=') {
      const l = side(c.left, leftWidth);
      const r = side(c.right, leftWidth);
      if (l === 'left' && r === 'right') {
        pairs.push({ left: c.left, right: mapColumns(c.right, (i) => i - leftWidth) });
        continue;
      }
      if (l === 'right' && r === 'left') {
        pairs.push({ left: c.right, right: mapColumns(c.left, (i) => i - leftWidth) });
        continue;
      }
    }
    rest.push(c);
  }
  return { pairs, residual: andAll(rest) };
}

function side(e: PExpr, leftWidth: number): 'left' | 'right' | 'both' | 'none' {
  const cols: number[] = [];
  collect(e, cols);
  if (cols.length === 0) return 'none';
  const l = cols.some((c) => c < leftWidth);
  const r = cols.some((c) => c >= leftWidth);
  return l && r ? 'both' : l ? 'left' : 'right';
}

function collect(e: PExpr, out: number[]): void {
  mapColumns(e, (i) => {
    out.push(i);
    return i;
  });
}

function joinOp(joinType: JoinType, probe: POp, build: POp, pairs: readonly KeyPair[], residual: PExpr | null, condition: PExpr | null): POp {
  if (pairs.length === 0) return { kind: 'nestedLoopJoin', joinType, probe, build, condition };
  return { kind: 'hashJoin', joinType, probe, build, probeKeys: pairs.map((p) => p.left), buildKeys: pairs.map((p) => p.right), residual };
}

/** Whether equal join-key values are guaranteed to sit on the same slice on both sides. */
function colocated(l: Placement, r: Placement, leftKeys: readonly PExpr[], rightKeys: readonly PExpr[]): boolean {
  if (l.kind !== 'hashed' || r.kind !== 'hashed' || l.keys.length !== r.keys.length) return false;
  return l.keys.every((lk, i) => {
    const pairIndex = leftKeys.findIndex((k) => k.kind === 'col' && k.index === lk);
    if (pairIndex < 0) return false;
    const rk = rightKeys[pairIndex]!;
    return rk.kind === 'col' && rk.index === r.keys[i] && hashCompatible(l.keyTypes[i]!, r.keyTypes[i]!);
  });
}

/** Two column types hash equal values identically (so KEY placement agrees). */
function hashCompatible(a: SqlType, b: SqlType): boolean {
  if (isIntegerType(a) && isIntegerType(b)) return true;
  if ((a.kind === 'char' || a.kind === 'varchar') && (b.kind === 'char' || b.kind === 'varchar')) return true;
  return a.kind === b.kind;
}

function hashedOn(p: Extract<Placement, { kind: 'hashed' }>, keys: readonly PExpr[]): boolean {
  return p.keys.every((k) => keys.some((e) => e.kind === 'col' && e.index === k));
}

/** The other side's keys, in the order of this side's hash keys, so both hash alike. */
function alignKeys(p: Extract<Placement, { kind: 'hashed' }>, keys: readonly PExpr[], otherKeys: readonly PExpr[]): PExpr[] {
  return p.keys.map((k, i) => {
    const idx = keys.findIndex((e) => e.kind === 'col' && e.index === k);
    const other = otherKeys[idx]!;
    const wanted = p.keyTypes[i]!;
    // Redistribution must hash with the type the resident side was placed by.
    return hashCompatible(other.type, wanted) ? other : { kind: 'cast', expr: other, type: wanted, explicit: false };
  });
}

function shiftPlacement(p: Placement, by: number): Placement {
  return p.kind === 'hashed' ? { ...p, keys: p.keys.map((k) => k + by) } : p;
}

/** What a projection keeps of its input's placement: hashed keys survive when passed through as columns. */
function projectPlacement(p: Placement, exprs: readonly PExpr[]): Placement {
  if (p.kind !== 'hashed') return p;
  const keys = p.keys.map((k) => exprs.findIndex((e) => e.kind === 'col' && e.index === k));
  return keys.every((k) => k >= 0) ? { ...p, keys } : { kind: 'spread' };
}

/**
 * Zone-map ranges a scan may use to skip blocks: conjuncts comparing a sort key column with a
 * constant of the column's own type (`col op const`, either way round).
 */
function zoneMapRanges(scan: Extract<LPlan, { kind: 'scan' }>, predicate: PExpr): RangeFilter[] {
  const sortColumns = new Set(scan.table.sortKey.columns);
  const out: RangeFilter[] = [];
  const flip = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' } as const;
  for (const c of conjuncts(predicate)) {
    if (c.kind !== 'compare' || c.op === '<>') continue;
    let [col, value, op] = [c.left, c.right, c.op as CompareOp];
    if (col.kind !== 'col') [col, value, op] = [c.right, c.left, flip[c.op]];
    if (col.kind !== 'col' || value.kind !== 'const' || value.value === null || !typesEqual(col.type, value.type)) continue;
    const column = scan.columns[col.index];
    if (column === undefined || !sortColumns.has(column)) continue;
    const v = value.value;
    switch (op) {
      case '=': out.push({ column, min: v, max: v, minInclusive: true, maxInclusive: true }); break;
      case '<': out.push({ column, min: null, max: v, minInclusive: true, maxInclusive: false }); break;
      case '<=': out.push({ column, min: null, max: v, minInclusive: true, maxInclusive: true }); break;
      case '>': out.push({ column, min: v, max: null, minInclusive: false, maxInclusive: true }); break;
      case '>=': out.push({ column, min: v, max: null, minInclusive: true, maxInclusive: true }); break;
    }
  }
  return out;
}
