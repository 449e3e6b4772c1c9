/**
 * CREATE TABLE AS without DISTKEY/SORTKEY inherits them from the query, as Redshift's CTAS does when
 * the source table's key columns pass straight through the select list (a scan, optionally filtered).
 */
import type { LPlan } from './logical.js';

export interface InheritedKeys {
  /** Output column that carries the source's DISTKEY. */
  readonly distKey: number | null;
  /** Output columns that carry the source's sort key, in key order (empty when any is missing). */
  readonly sortKey: readonly number[];
}

export function inheritedKeys(plan: LPlan): InheritedKeys {
  const none: InheritedKeys = { distKey: null, sortKey: [] };
  if (plan.kind !== 'project') return none;
  let input = plan.input;
  if (input.kind === 'filter') input = input.input;
  if (input.kind !== 'scan') return none;
  const table = input.table;
  const outputOf = (tableColumn: number): number => {
    const scanIndex = input.kind === 'scan' ? input.columns.indexOf(tableColumn) : -1;
    return plan.exprs.findIndex((e) => e.kind === 'col' && e.index === scanIndex);
  };
  const distKey = table.effectiveDistStyle === 'key' && table.distKey !== null ? outputOf(table.distKey) : -1;
  const sortKey = table.sortKey.columns.map(outputOf);
  return { distKey: distKey >= 0 ? distKey : null, sortKey: sortKey.every((k) => k >= 0) ? sortKey : [] };
}
