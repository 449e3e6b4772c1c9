/**
 * Runtime join filters: once a hash join has built its table, the table itself filters the scan under
 * the join's probe side, so probe rows without a match are dropped as the block is read — before the
 * scan decodes the other columns and before they flow through the operators in between (TPC-H Q09
 * reads all of lineitem to keep the 5% of rows whose part is green). Only joins that drop unmatched
 * probe rows (inner, semi, right) filter, and only through operators that pass the key column on
 * unchanged. A filter that keeps most rows switches itself off: probing twice would cost more.
 */
import type { JoinTable } from './join-table.js';
import type { PExpr, POp } from './spec.js';
import { NumColumn, type Column } from './vector.js';

type ScanOp = Extract<POp, { kind: 'scan' }>;
type HashJoinOp = Extract<POp, { kind: 'hashJoin' }>;

/** Rows tried before a filter decides whether it pays off. */
const TRIAL_ROWS = 65536;
/** A filter that keeps more than this share of the rows it tried switches off. */
const MAX_PASS_RATE = 0.5;

export class KeyFilter {
  private table: JoinTable | null = null;
  private tried = 0;
  private passed = 0;
  private off = false;

  /** `column`: the scan's output column holding the join key. */
  constructor(readonly column: number) {}

  /** Start filtering with the join's built table. */
  arm(table: JoinTable): void {
    this.table = table;
  }

  /**
   * The rows (of the first `n` of `keys`) whose key has a match, ascending; null when the filter
   * is not armed or has switched off (every row passes).
   */
  select(keys: Column, n: number): Int32Array | null {
    if (this.table === null || this.off) return null;
    const out = new Int32Array(n);
    let k = 0;
    const keyBits = keys instanceof NumColumn ? this.table.keyBits() : null;
    if (keyBits !== null) {
      // Integer keys in a modest range: one bit test per row instead of a hash lookup.
      const { values, nulls } = keys as NumColumn;
      const { min, bits } = keyBits;
      const span = bits.length * 8;
      for (let i = 0; i < n; i++) {
        const d = values[i]! - min;
        // Out-of-range values fail the range test, fractions the integer test; NULL rows never match.
        if (d >= 0 && d < span && (bits[d >> 3]! & (1 << (d & 7))) !== 0 && Number.isInteger(d) && (nulls === null || nulls[i] === 0)) out[k++] = i;
      }
    } else {
      const heads = this.table.firstMatches([keys], n);
      for (let i = 0; i < n; i++) if (heads[i]! >= 0) out[k++] = i;
    }
    this.tried += n;
    this.passed += k;
    if (this.tried >= TRIAL_ROWS && this.passed > this.tried * MAX_PASS_RATE) this.off = true;
    return out.subarray(0, k);
  }
}

/** Key filters per scan operator of a task's plan. */
export type RuntimeFilters = Map<ScanOp, KeyFilter[]>;

export interface KeySource {
  readonly scan: ScanOp;
  readonly column: number;
}

/** Where a filter on a hash join's probe side can go: joins that drop unmatched probe rows, with one key. */
export function probeKeySource(op: HashJoinOp, width: (op: POp) => number): KeySource | null {
  if (op.probeKeys.length !== 1 || (op.joinType !== 'inner' && op.joinType !== 'semi' && op.joinType !== 'right')) return null;
  return keySource(op.probe, op.probeKeys[0]!, width);
}

/**
 * Where a filter on a semi or anti join's build side can go: a build row whose key no probe row has
 * changes nothing (the join then builds on its probe side, see hash-join.ts).
 */
export function buildKeySource(op: HashJoinOp, width: (op: POp) => number): KeySource | null {
  if (op.buildKeys.length !== 1 || (op.joinType !== 'semi' && op.joinType !== 'anti')) return null;
  return keySource(op.build, op.buildKeys[0]!, width);
}

/**
 * The scan, and its output column, that `key` (over `root`'s output) reads unchanged — through
 * filters, projections passing the column on, and the probe side of joins below — or null.
 */
function keySource(root: POp, key: PExpr, width: (op: POp) => number): KeySource | null {
  if (key.kind !== 'col') return null;
  let index = key.index;
  let node = root;
  for (;;) {
    switch (node.kind) {
      case 'scan':
        return index < node.columns.length ? { scan: node, column: index } : null;
      case 'filter':
        node = node.input;
        break;
      case 'project': {
        const e = node.exprs[index]!;
        if (e.kind !== 'col') return null;
        index = e.index;
        node = node.input;
        break;
      }
      case 'hashJoin':
        // Dropping a probe row below only drops output rows carrying the same key value.
        if (node.joinType === 'full' || node.joinType === 'right' || index >= width(node.probe)) return null;
        node = node.probe;
        break;
      default:
        return null;
    }
  }
}
