/**
 * What exec/ can run: serializable descriptions of expressions and operators. plan/ builds them,
 * the leader ships them to compute nodes (structured clone), exec/ compiles and runs them.
 * Everything here is plain data: no functions, no class instances.
 */
import type { SqlType } from '../types/datatype.js';


// ---------------------------------------------------------------- batches

/**
 * A batch of rows in columnar form: one array of engine values per column (see types/datatype.ts for
 * the value representation; NULL is `null`). All columns have `rowCount` entries.
 */
export interface Batch {
  readonly columns: unknown[][];
  readonly rowCount: number;
}

// ---------------------------------------------------------------- expressions

export type PExpr =
  /** Column `index` of the operator's input row. */
  | { readonly kind: 'col'; readonly index: number; readonly type: SqlType }
  | { readonly kind: 'const'; readonly value: unknown; readonly type: SqlType }
  /** A scalar function or operator resolved by types/functions: `id` names the implementation. */
  | { readonly kind: 'call'; readonly id: string; readonly args: readonly PExpr[]; readonly type: SqlType }
  | { readonly kind: 'cast'; readonly expr: PExpr; readonly type: SqlType; readonly explicit: boolean }
  | { readonly kind: 'and' | 'or'; readonly args: readonly PExpr[]; readonly type: SqlType }
  | { readonly kind: 'not'; readonly arg: PExpr; readonly type: SqlType }
  | { readonly kind: 'isNull'; readonly arg: PExpr; readonly not: boolean; readonly type: SqlType }
  /** Comparison of two values of the same type (the binder inserts casts). */
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: PExpr; readonly right: PExpr; readonly type: SqlType }
  | { readonly kind: 'inList'; readonly arg: PExpr; readonly list: readonly PExpr[]; readonly not: boolean; readonly type: SqlType }
  | {
      readonly kind: 'case';
      readonly whens: readonly { readonly when: PExpr; readonly then: PExpr }[];
      readonly else: PExpr | null;
      readonly type: SqlType;
    }
  /** COALESCE / NVL: first non-null argument, evaluated lazily. */
  | { readonly kind: 'coalesce'; readonly args: readonly PExpr[]; readonly type: SqlType };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

// ---------------------------------------------------------------- aggregates and sorting

export type AggregateFunction =
  | 'count_star' | 'count' | 'sum' | 'avg' | 'min' | 'max'
  | 'stddev_samp' | 'stddev_pop' | 'var_samp' | 'var_pop'
  | 'bool_and' | 'bool_or' | 'bit_and' | 'bit_or' | 'any_value'
  /** APPROXIMATE COUNT(DISTINCT x): HyperLogLog. */
  | 'approx_count_distinct'
  | 'listagg'
  /** MEDIAN(x) is percentile_cont with percentile 0.5 over `arg` ascending. */
  | 'percentile_cont' | 'percentile_disc';

export interface AggregateSpec {
  readonly fn: AggregateFunction;
  /** The argument (absent for count_star). For PERCENTILE_CONT/DISC: the WITHIN GROUP ORDER BY expression. */
  readonly arg: PExpr | null;
  readonly distinct: boolean;
  /** Result type of the aggregate (Redshift rules: integer AVG truncates to BIGINT, SUM of INT to BIGINT, ...). */
  readonly type: SqlType;
  /**
   * LISTAGG: its WITHIN GROUP ORDER BY keys (over the aggregate's input; in a 'final' phase only their
   * types matter). PERCENTILE_CONT/DISC: one key whose `descending` says which way the values are ranked.
   */
  readonly orderBy?: readonly SortKey[];
  /** PERCENTILE_CONT/DISC: the percentile, as exact decimal text between 0 and 1 ("0.5"). */
  readonly percentile?: string;
  /** LISTAGG: the delimiter (absent = none). */
  readonly delimiter?: string;
}

export interface SortKey {
  readonly expr: PExpr;
  readonly descending: boolean;
  /** Resolved: true when NULLs sort before non-NULLs. */
  readonly nullsFirst: boolean;
}

// ---------------------------------------------------------------- operators

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

export type POp =
  /**
   * Scan a table's rows on the slice the task runs for. `columns` are table column ordinals (the
   * output row is those columns, in that order). `allCopy`: the table is DISTSTYLE ALL and the copy
   * to read is the one on the first slice of this slice's node. `rangeFilter` lets the scan skip
   * blocks whose zone map cannot match.
   */
  | {
      readonly kind: 'scan';
      readonly tableId: number;
      readonly columns: readonly number[];
      readonly types: readonly SqlType[];
      readonly filter: PExpr | null;
      readonly rangeFilters: readonly RangeFilter[];
      readonly allCopy: boolean;
      /**
       * Append a hidden last column locating each row for UPDATE/DELETE: a number,
       * `slice * 2^32 + row offset within the slice` (see ROW_HANDLE_SLICE_FACTOR).
       */
      readonly withRowHandles: boolean;
    }
  /** Rows delivered to this task by an earlier fragment (redistribution, broadcast or gather). */
  | { readonly kind: 'exchange'; readonly fragmentId: number; readonly types: readonly SqlType[] }
  /** Constant rows (VALUES, SELECT without FROM). */
  | { readonly kind: 'values'; readonly rows: readonly (readonly PExpr[])[]; readonly types: readonly SqlType[] }
  | { readonly kind: 'filter'; readonly input: POp; readonly predicate: PExpr }
  | { readonly kind: 'project'; readonly input: POp; readonly exprs: readonly PExpr[] }
  /**
   * Hash join: builds a hash table on `build` (the inner side) keyed by `buildKeys`, streams `probe`
   * (the outer side). Output row = probe columns then build columns (semi/anti: probe columns only).
   * `residual` is evaluated on the concatenated row for matches. For 'left' the probe side is
   * preserved, for 'right' the build side, 'full' both.
   */
  | {
      readonly kind: 'hashJoin';
      readonly joinType: JoinType;
      readonly probe: POp;
      readonly build: POp;
      readonly probeKeys: readonly PExpr[];
      readonly buildKeys: readonly PExpr[];
      readonly residual: PExpr | null;
    }
  /** Nested-loop join for joins without equality keys (cross joins, non-equi joins). */
  | {
      readonly kind: 'nestedLoopJoin';
      readonly joinType: JoinType;
      readonly probe: POp;
      readonly build: POp;
      readonly condition: PExpr | null;
    }
  /**
   * Grouped or scalar aggregation. Output row = group keys then aggregates.
   * 'partial' emits per-group states (one opaque, structured-clone-safe value per aggregate);
   * 'final' consumes rows of (keys, states) and emits results; 'single' does both at once.
   * With no group keys, 'final' and 'single' emit exactly one row even for empty input.
   */
  | {
      readonly kind: 'aggregate';
      readonly input: POp;
      readonly phase: 'partial' | 'final' | 'single';
      readonly groupKeys: readonly PExpr[];
      readonly aggregates: readonly AggregateSpec[];
    }
  /** Sort; with `limit` keeps only the first `limit` rows (top-N). */
  | { readonly kind: 'sort'; readonly input: POp; readonly keys: readonly SortKey[]; readonly limit: number | null }
  | { readonly kind: 'limit'; readonly input: POp; readonly limit: number | null; readonly offset: number }
  | { readonly kind: 'distinct'; readonly input: POp }
  /**
   * Window functions sharing one PARTITION BY / ORDER BY: output row = input columns, then one column
   * per function. Each slice must hold whole partitions (the planner redistributes on `partitionBy`,
   * or runs it on the leader when there is none).
   */
  | {
      readonly kind: 'window';
      readonly input: POp;
      readonly partitionBy: readonly PExpr[];
      readonly orderBy: readonly SortKey[];
      readonly functions: readonly WindowFunctionSpec[];
    }
  /**
   * A scalar subquery's value: exactly one row — the input's only row, or all NULLs when the input is
   * empty; more than one input row is error 21000.
   */
  | { readonly kind: 'singleRow'; readonly input: POp }
  /**
   * INTERSECT / EXCEPT (MINUS): the distinct rows of `left` that do (intersect) or do not (except)
   * occur in `right`; NULLs compare equal here, unlike in joins.
   */
  | { readonly kind: 'setOp'; readonly op: 'intersect' | 'except'; readonly left: POp; readonly right: POp }
  /** Append the outputs of several inputs (UNION ALL). */
  | { readonly kind: 'append'; readonly inputs: readonly POp[] }
  /**
   * Leader only: k-way merge of the sorted runs an earlier fragment gathered (one batch per task),
   * keeping the first `limit` rows.
   */
  | { readonly kind: 'merge'; readonly fragmentId: number; readonly keys: readonly SortKey[]; readonly limit: number | null }
  /** Rows computed before execution (system tables, leader-side results). */
  | { readonly kind: 'rows'; readonly batch: Batch; readonly types: readonly SqlType[] };

/**
 * A ROWS frame relative to the current row: offsets in rows (negative = PRECEDING, 0 = CURRENT ROW,
 * positive = FOLLOWING); null = UNBOUNDED on that side.
 */
export interface WindowFrame {
  readonly start: number | null;
  readonly end: number | null;
}

/** One window function of a 'window' operator; expressions are over the operator's input row. */
export type WindowFunctionSpec =
  | { readonly kind: 'rank'; readonly fn: 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist'; readonly type: SqlType }
  | { readonly kind: 'ntile'; readonly buckets: number; readonly type: SqlType }
  /** LAG/LEAD: `default` replaces a missing row (not a NULL value). */
  | {
      readonly kind: 'offset';
      readonly fn: 'lag' | 'lead';
      readonly arg: PExpr;
      readonly offset: number;
      readonly default: PExpr | null;
      readonly ignoreNulls: boolean;
      readonly type: SqlType;
    }
  /** FIRST_VALUE (n = 1), NTH_VALUE (n), LAST_VALUE (fromEnd) over the frame. */
  | {
      readonly kind: 'value';
      readonly arg: PExpr;
      readonly n: number;
      readonly fromEnd: boolean;
      readonly frame: WindowFrame;
      readonly ignoreNulls: boolean;
      readonly type: SqlType;
    }
  /** An aggregate over the frame (whole partition when both ends are unbounded). */
  | { readonly kind: 'aggregate'; readonly aggregate: AggregateSpec; readonly frame: WindowFrame; readonly type: SqlType }
  /** RATIO_TO_REPORT(x): x / SUM(x) over the partition, as DOUBLE. */
  | { readonly kind: 'ratioToReport'; readonly arg: PExpr; readonly type: SqlType };

/** A zone-map predicate on one scanned column: the value must lie in [min, max] (null = unbounded). */
export interface RangeFilter {
  /** Table column ordinal. */
  readonly column: number;
  readonly min: unknown;
  readonly max: unknown;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
}

/**
 * Where a fragment's output goes: back to the leader, hashed to the slice owning each key, or a copy
 * to every slice.
 */
export type FragmentOutput =
  | { readonly kind: 'gather' }
  | { readonly kind: 'hash'; readonly keys: readonly PExpr[] }
  | { readonly kind: 'broadcast' };

/** Row handle = slice * ROW_HANDLE_SLICE_FACTOR + row offset within the slice. */
export const ROW_HANDLE_SLICE_FACTOR = 2 ** 32;

/** A plan fragment: runs once per slice (one task each) on the slice's compute node. */
export interface Fragment {
  readonly id: number;
  /** The slices to run on; null = every slice. (A lone DISTSTYLE ALL scan reads one copy, on slice 0.) */
  readonly slices: readonly number[] | null;
  readonly root: POp;
  readonly output: FragmentOutput;
  /** Output column types. */
  readonly types: readonly SqlType[];
}

/**
 * A physical plan: fragments in dependency order (each reads only earlier fragments' outputs via
 * 'exchange'), then the leader's part, which reads gathered fragments via 'exchange'.
 */
export interface PhysicalPlan {
  readonly fragments: readonly Fragment[];
  readonly leader: POp;
  readonly names: readonly string[];
  readonly types: readonly SqlType[];
}
