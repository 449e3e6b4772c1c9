/**
 * The logical plan: what a query computes, independent of where it runs. Expressions are already
 * bound and typed (exec's PExpr, with column indexes into the node's input row). The physical
 * planner decides distribution and cuts it into fragments.
 */
import type { AggregateSpec, Batch, PExpr, SortKey, WindowFunctionSpec } from '../exec/spec.js';
import type { TableMeta } from '../catalog/relation.js';
import type { SqlType } from '../types/datatype.js';

export type LogicalJoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

export type LPlan =
  | {
      readonly kind: 'scan';
      readonly table: TableMeta;
      /** Table column ordinals read, in output order. */
      readonly columns: readonly number[];
      readonly types: readonly SqlType[];
      readonly withRowHandles: boolean;
    }
  | { readonly kind: 'values'; readonly rows: readonly (readonly PExpr[])[]; readonly types: readonly SqlType[] }
  /** Rows known at planning time (system tables). */
  | { readonly kind: 'rows'; readonly name: string; readonly batch: Batch; readonly types: readonly SqlType[] }
  | { readonly kind: 'filter'; readonly input: LPlan; readonly predicate: PExpr; readonly types: readonly SqlType[] }
  | { readonly kind: 'project'; readonly input: LPlan; readonly exprs: readonly PExpr[]; readonly types: readonly SqlType[] }
  | {
      readonly kind: 'join';
      readonly joinType: LogicalJoinType;
      readonly left: LPlan;
      readonly right: LPlan;
      /** Over the concatenated row (left columns then right columns). */
      readonly condition: PExpr | null;
      readonly types: readonly SqlType[];
    }
  | {
      readonly kind: 'aggregate';
      readonly input: LPlan;
      readonly groupKeys: readonly PExpr[];
      readonly aggregates: readonly AggregateSpec[];
      readonly types: readonly SqlType[];
    }
  | { readonly kind: 'sort'; readonly input: LPlan; readonly keys: readonly SortKey[]; readonly types: readonly SqlType[] }
  | { readonly kind: 'limit'; readonly input: LPlan; readonly limit: number | null; readonly offset: number; readonly types: readonly SqlType[] }
  | { readonly kind: 'distinct'; readonly input: LPlan; readonly types: readonly SqlType[] }
  /** Window functions of one OVER clause: input columns, then one column per function. */
  | {
      readonly kind: 'window';
      readonly input: LPlan;
      readonly partitionBy: readonly PExpr[];
      readonly orderBy: readonly SortKey[];
      readonly functions: readonly WindowFunctionSpec[];
      readonly types: readonly SqlType[];
    }
  | { readonly kind: 'unionAll'; readonly inputs: readonly LPlan[]; readonly types: readonly SqlType[] }
  /** A scalar subquery's one row (NULLs when the input is empty; error 21000 on a second row). */
  | { readonly kind: 'singleRow'; readonly input: LPlan; readonly types: readonly SqlType[] }
  /** INTERSECT / EXCEPT: distinct rows of `left` found / not found in `right` (NULLs equal). */
  | { readonly kind: 'setOp'; readonly op: 'intersect' | 'except'; readonly left: LPlan; readonly right: LPlan; readonly types: readonly SqlType[] };

/** A bound query: its plan and output column names. */
export interface BoundQuery {
  readonly plan: LPlan;
  readonly names: readonly string[];
  readonly types: readonly SqlType[];
}
