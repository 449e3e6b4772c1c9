/**
 * Subqueries in expressions, decorrelated into joins at bind time.
 *
 * A query level that may contain subqueries owns a SubqueryHost holding its plan so far (the FROM
 * plan). Each subquery attaches a join to that plan, to the right, so every column index bound
 * before stays valid and the subquery's value is a new column:
 * - scalar subquery: cross join with a single-row plan (error 21000 on two rows, NULL on none);
 *   correlated aggregates (`(select avg(x) from t where t.k = outer.k)`) are grouped by the
 *   correlation keys and left-joined on them, with the aggregate's value on no rows (COUNT -> 0)
 *   substituted where no group matched;
 * - EXISTS / IN as a WHERE conjunct: semi join (anti join for NOT), correlated predicates in the
 *   join condition; NOT IN is null-aware (a NULL in the subquery or a NULL probe value with a
 *   non-empty subquery makes it not TRUE);
 * - EXISTS / IN elsewhere (select list, OR, CASE): a "mark" left join producing a boolean.
 *
 * Above an aggregation (HAVING, select list of a grouped query) the host is deferred: the width of
 * the aggregate's output is not known while binding, so new columns are numbered from PENDING_BASE
 * and renumbered when the joins are attached on top of the aggregate.
 */
import type { AggregateSpec, PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, BOOLEAN, SqlError, SqlState } from '../types/index.js';
import { bindExpr, type ExprContext } from './bind-expr.js';
import type { CteMap } from './bind-from.js';
import { joinPlan } from './bind-from.js';
import { unifyForComparison } from './coerce.js';
import type { BindEnvironment } from './context.js';
import { mapColumns, replaceColumns } from './expr-utils.js';
import { SCALAR_SUBQUERY_VALUE_ID } from '../types/fn-subquery.js';
import { foldConstants } from './fold.js';
import type { BoundQuery, LPlan } from './logical.js';
import type { Scope } from './scope.js';

/** Column index base of correlated (outer) references inside a subquery: OUTER_BASE + outer column. */
export const OUTER_BASE = 1 << 20;
/** Column index base of a deferred host's new columns, renumbered once the base width is known. */
export const PENDING_BASE = 1 << 24;

/** The enclosing query's columns as seen from a subquery. */
export interface OuterScope {
  readonly scope: Scope;
  /** Correlated references are allowed here (the subquery's WHERE); elsewhere they are rejected. */
  readonly allowed: boolean;
  readonly parent?: OuterScope;
}

/** What binding a correlated subquery reports back (undefined result: it is not correlated). */
export interface CorrelationSink {
  /** Whether an aggregating subquery may be decorrelated by grouping on the correlation keys. */
  readonly allowGrouped: boolean;
  result?: CorrelationResult;
}

export type CorrelationResult =
  /**
   * Output = [visible columns..., inner columns the predicates use]; predicates over that output
   * with outer references as OUTER_BASE + outer column.
   */
  | { readonly kind: 'exposed'; readonly visible: number; readonly predicates: readonly PExpr[] }
  /**
   * Output = [visible columns..., correlation keys..., TRUE marker], one row per key;
   * `outerKeys[i]` (over OUTER_BASE + outer column) must equal key i. `emptyValues`: the visible
   * columns' values for an outer row no inner row matches.
   */
  | { readonly kind: 'grouped'; readonly visible: number; readonly outerKeys: readonly PExpr[]; readonly emptyValues: readonly PExpr[] };

export type SubqueryBinder = (q: ast.Query, env: BindEnvironment, ctes: CteMap, outer: OuterScope, sink: CorrelationSink) => BoundQuery;

const TRUE_CONST: PExpr = { kind: 'const', value: true, type: BOOLEAN };

interface PendingJoin {
  readonly right: LPlan;
  readonly joinType: 'inner' | 'left';
  readonly condition: PExpr | null;
}

export class SubqueryHost {
  private readonly pending: PendingJoin[] = [];
  private appended = 0;

  /**
   * `current` null: a deferred host (above an aggregation). `scope`: the columns correlated
   * references may use (the FROM scope), with `correlation` false where they are not supported.
   */
  constructor(
    private current: LPlan | null,
    private readonly scope: Scope,
    private readonly correlation: boolean,
    private readonly parentOuter: OuterScope | undefined,
    private readonly env: BindEnvironment,
    private readonly ctes: CteMap,
    private readonly binder: SubqueryBinder,
  ) {}

  get plan(): LPlan {
    if (!this.current) throw new SqlError(SqlState.internalError, 'a deferred subquery host has no plan of its own');
    return this.current;
  }

  /** Replace the plan (a filter on top of it), keeping subquery joins attached so far. */
  set plan(plan: LPlan) {
    this.current = plan;
  }

  /** Deferred host: attach the pending joins on top of `plan`, and renumber expressions bound meanwhile. */
  attachPending(plan: LPlan): { plan: LPlan; remap: (e: PExpr) => PExpr } {
    const width = plan.types.length;
    const remap = (e: PExpr): PExpr => mapColumns(e, (i) => (i >= PENDING_BASE ? width + (i - PENDING_BASE) : i));
    for (const j of this.pending) plan = joinPlan(plan, j.right, j.joinType, j.condition ? remap(j.condition) : null);
    return { plan, remap };
  }

  /** Index the next attached plan's first column will have. */
  private base(): number {
    return this.current ? this.current.types.length : PENDING_BASE + this.appended;
  }

  private attach(right: LPlan, joinType: 'inner' | 'left' | 'semi' | 'anti', condition: PExpr | null): void {
    if (this.current) {
      this.current = joinPlan(this.current, right, joinType, condition);
      return;
    }
    if (joinType === 'semi' || joinType === 'anti') throw new SqlError(SqlState.internalError, 'semi joins need the plan they filter');
    this.pending.push({ right, joinType, condition });
    this.appended += right.types.length;
  }

  private bind(q: ast.Query, allowGrouped: boolean): { bound: BoundQuery; corr: CorrelationResult | undefined } {
    const sink: CorrelationSink = { allowGrouped };
    const parent = this.parentOuter ? { ...this.parentOuter, allowed: false } : undefined;
    const outer: OuterScope = { scope: this.scope, allowed: this.correlation, parent };
    const bound = this.binder(q, this.env, this.ctes, outer, sink);
    return { bound, corr: sink.result };
  }

  /** Outer references (OUTER_BASE + o) become this level's columns; subquery output columns start at `base`. */
  private toJoinRow(e: PExpr, base: number): PExpr {
    return mapColumns(e, (i) => (i >= OUTER_BASE ? i - OUTER_BASE : base + i));
  }

  /** `(SELECT ...)` as a value. */
  scalar(e: ast.ScalarSubquery): PExpr {
    const { bound, corr } = this.bind(e.query, true);
    if (corr?.kind === 'exposed') return this.correlatedScalar(bound, corr, e.pos);
    const visible = corr ? corr.visible : bound.types.length;
    if (visible !== 1) throw new SqlError(SqlState.syntaxError, 'subquery must return only one column', { position: e.pos });
    const type = bound.types[0]!;
    const base = this.base();
    if (!corr) {
      this.attach({ kind: 'singleRow', input: bound.plan, types: bound.types }, 'inner', null);
      return { kind: 'col', index: base, type };
    }
    const keys = corr.outerKeys.map((k, i): PExpr => ({
      kind: 'compare',
      op: '=',
      left: this.toJoinRow(k, base),
      right: { kind: 'col', index: base + 1 + i, type: bound.plan.types[1 + i]! },
      type: BOOLEAN,
    }));
    this.attach(bound.plan, 'left', and(keys));
    const value: PExpr = { kind: 'col', index: base, type };
    const empty = foldConstants(corr.emptyValues[0]!);
    if (empty.kind === 'const' && empty.value === null) return value;
    // No inner row for this outer row: the aggregate over nothing (COUNT -> 0), not NULL.
    const marker: PExpr = { kind: 'col', index: base + 1 + keys.length, type: BOOLEAN };
    return { kind: 'case', whens: [{ when: { kind: 'isNull', arg: marker, not: false, type: BOOLEAN }, then: empty }], else: value, type };
  }

  /**
   * A correlated scalar subquery without an aggregate (`(select d.adsrc from pg_attrdef d where
   * d.adrelid = a.attrelid and d.adnum = a.attnum)`): the inner rows grouped by their correlation
   * keys, each group's value and row count left-joined to the outer row on those keys. A group of
   * more than one row is error 21000 for the outer rows it matches, as in PostgreSQL.
   */
  private correlatedScalar(bound: BoundQuery, corr: Extract<CorrelationResult, { kind: 'exposed' }>, pos: number): PExpr {
    if (corr.visible !== 1) throw new SqlError(SqlState.syntaxError, 'subquery must return only one column', { position: pos });
    const parts = splitCorrelation(corr.predicates, pos);
    const valueType = bound.types[0]!;
    const input: LPlan = parts.innerOnly.length ? { kind: 'filter', input: bound.plan, predicate: and(parts.innerOnly)!, types: bound.types } : bound.plan;
    const aggregates: AggregateSpec[] = [
      { fn: 'any_value', arg: { kind: 'col', index: 0, type: valueType }, distinct: false, type: valueType },
      { fn: 'count_star', arg: null, distinct: false, type: BIGINT },
    ];
    const keyTypes = parts.keys.map((k) => k.inner.type);
    const groups: LPlan = { kind: 'aggregate', input, groupKeys: parts.keys.map((k) => k.inner), aggregates, types: [...keyTypes, valueType, BIGINT] };
    const base = this.base();
    const condition = and([
      ...parts.keys.map((k, i): PExpr => ({ kind: 'compare', op: '=', left: this.toJoinRow(k.outer, base), right: { kind: 'col', index: base + i, type: keyTypes[i]! }, type: BOOLEAN })),
      ...parts.outerOnly.map((p) => this.toJoinRow(p, base)),
    ]);
    this.attach(groups, 'left', condition);
    const value: PExpr = { kind: 'col', index: base + keyTypes.length, type: valueType };
    const rows: PExpr = { kind: 'col', index: base + keyTypes.length + 1, type: BIGINT };
    return { kind: 'call', id: SCALAR_SUBQUERY_VALUE_ID, args: [value, rows], type: valueType };
  }

  /**
   * EXISTS / IN (subquery) as a WHERE conjunct, possibly negated: a semi or anti join on the plan.
   * Returns an extra predicate the caller must add to the WHERE filter (null: none).
   */
  filter(e: ast.Exists | ast.InSubquery, negated: boolean, ctx: ExprContext): PExpr | null {
    if (!this.current) throw new SqlError(SqlState.internalError, 'semi joins need the plan they filter');
    if (e.kind === 'exists') {
      const { bound, corr } = this.bind(e.query, false);
      if (!corr) {
        const exists = this.existsValue(bound);
        return negated ? { kind: 'not', arg: exists, type: BOOLEAN } : exists;
      }
      const base = this.base();
      this.attach(bound.plan, negated ? 'anti' : 'semi', and(corr.kind === 'exposed' ? corr.predicates.map((p) => this.toJoinRow(p, base)) : []));
      return null;
    }
    const probe = bindExpr(e.expr, ctx);
    if (correlationSide(probe) === 'outer' || correlationSide(probe) === 'both') {
      throw new SqlError(SqlState.featureNotSupported, 'IN (subquery) on a correlated value is not supported yet in Slicewise', { position: e.pos });
    }
    const { bound, corr } = this.bind(e.query, false);
    const visible = corr ? corr.visible : bound.types.length;
    if (visible !== 1) throw new SqlError(SqlState.syntaxError, 'subquery has too many columns', { position: e.query.pos });
    // Uncorrelated NOT IN needs the subquery's row and non-NULL counts (attached before the anti join).
    const stats = negated && !corr ? this.attachCounts(bound) : null;
    const base = this.base();
    const [x, s] = unifyForComparison(probe, { kind: 'col', index: base, type: bound.types[0]! }, '=', e.pos);
    const equal: PExpr = { kind: 'compare', op: '=', left: x, right: s, type: BOOLEAN };
    const correlated = corr?.kind === 'exposed' ? corr.predicates.map((p) => this.toJoinRow(p, base)) : [];
    if (!negated) {
      this.attach(bound.plan, 'semi', and([equal, ...correlated]));
      return null;
    }
    if (corr) {
      // Per outer row: rejected when some matching inner value equals it or either is NULL.
      const nullable: PExpr = {
        kind: 'or',
        args: [equal, { kind: 'isNull', arg: x, not: false, type: BOOLEAN }, { kind: 'isNull', arg: s, not: false, type: BOOLEAN }],
        type: BOOLEAN,
      };
      this.attach(bound.plan, 'anti', and([...correlated, nullable]));
      return null;
    }
    // Uncorrelated NOT IN: a hash anti join on equality, then the NULL rules from the subquery's counts.
    this.attach(bound.plan, 'anti', equal);
    if (!stats) throw new SqlError(SqlState.internalError, 'NOT IN without subquery counts');
    return {
      kind: 'or',
      args: [
        stats.isEmpty,
        { kind: 'and', args: [{ kind: 'not', arg: stats.hasNull, type: BOOLEAN }, { kind: 'isNull', arg: x, not: true, type: BOOLEAN }], type: BOOLEAN },
      ],
      type: BOOLEAN,
    };
  }

  /** EXISTS (subquery) as a boolean value. */
  exists(e: ast.Exists): PExpr {
    const { bound, corr } = this.bind(e.query, false);
    const value = corr ? this.correlatedExistsMark(bound, corr, e.pos) : this.existsValue(bound);
    return e.not ? { kind: 'not', arg: value, type: BOOLEAN } : value;
  }

  /** x IN (subquery) as a boolean value (TRUE, FALSE or NULL by SQL's rules). */
  inSubquery(e: ast.InSubquery, ctx: ExprContext): PExpr {
    const probe = bindExpr(e.expr, ctx);
    const { bound, corr } = this.bind(e.query, false);
    if (corr) {
      throw new SqlError(SqlState.featureNotSupported, 'correlated IN (subquery) outside a WHERE condition is not supported yet in Slicewise', {
        position: e.pos,
      });
    }
    if (bound.types.length !== 1) throw new SqlError(SqlState.syntaxError, 'subquery has too many columns', { position: e.query.pos });
    const stats = this.attachCounts(bound);
    const base = this.base();
    const [x, s] = unifyForComparison(probe, { kind: 'col', index: base, type: bound.types[0]! }, '=', e.pos);
    const values: LPlan = {
      kind: 'distinct',
      input: { kind: 'project', input: bound.plan, exprs: [{ kind: 'col', index: 0, type: bound.types[0]! }, TRUE_CONST], types: [bound.types[0]!, BOOLEAN] },
      types: [bound.types[0]!, BOOLEAN],
    };
    this.attach(values, 'left', { kind: 'compare', op: '=', left: x, right: s, type: BOOLEAN });
    const matched: PExpr = { kind: 'isNull', arg: { kind: 'col', index: base + 1, type: BOOLEAN }, not: true, type: BOOLEAN };
    const unknown: PExpr = { kind: 'or', args: [{ kind: 'isNull', arg: x, not: false, type: BOOLEAN }, stats.hasNull], type: BOOLEAN };
    const value: PExpr = {
      kind: 'case',
      whens: [
        { when: matched, then: TRUE_CONST },
        { when: stats.isEmpty, then: { kind: 'const', value: false, type: BOOLEAN } },
        { when: unknown, then: { kind: 'const', value: null, type: BOOLEAN } },
      ],
      else: { kind: 'const', value: false, type: BOOLEAN },
      type: BOOLEAN,
    };
    return e.not ? { kind: 'not', arg: value, type: BOOLEAN } : value;
  }

  /** Uncorrelated EXISTS: whether the subquery has a row, as a one-row join. */
  private existsValue(bound: BoundQuery): PExpr {
    const count: AggregateSpec = { fn: 'count_star', arg: null, distinct: false, type: BIGINT };
    const counted: LPlan = { kind: 'aggregate', input: { kind: 'limit', input: bound.plan, limit: 1, offset: 0, types: bound.types }, groupKeys: [], aggregates: [count], types: [BIGINT] };
    const test: PExpr = { kind: 'compare', op: '>', left: { kind: 'col', index: 0, type: BIGINT }, right: { kind: 'const', value: 0n, type: BIGINT }, type: BOOLEAN };
    const base = this.base();
    this.attach({ kind: 'singleRow', input: { kind: 'project', input: counted, exprs: [test], types: [BOOLEAN] }, types: [BOOLEAN] }, 'inner', null);
    return { kind: 'col', index: base, type: BOOLEAN };
  }

  /** Correlated EXISTS as a value: a left join with the distinct correlation keys. */
  private correlatedExistsMark(bound: BoundQuery, corr: CorrelationResult, pos: number): PExpr {
    const unsupported = (): SqlError =>
      new SqlError(SqlState.featureNotSupported, 'this correlated EXISTS outside a WHERE condition is not supported yet in Slicewise', { position: pos });
    if (corr.kind !== 'exposed') throw unsupported();
    const inner: PExpr[] = [];
    const outer: PExpr[] = [];
    for (const p of corr.predicates) {
      const split = splitCorrelatedEquality(p);
      if (!split) throw unsupported();
      inner.push(split.inner);
      outer.push(split.outer);
    }
    const types = [...inner.map((k) => k.type), BOOLEAN];
    const keys: LPlan = { kind: 'distinct', input: { kind: 'project', input: bound.plan, exprs: [...inner, TRUE_CONST], types }, types };
    const base = this.base();
    const condition = and(
      outer.map((o, i): PExpr => ({ kind: 'compare', op: '=', left: this.toJoinRow(o, base), right: { kind: 'col', index: base + i, type: inner[i]!.type }, type: BOOLEAN })),
    );
    this.attach(keys, 'left', condition);
    return { kind: 'isNull', arg: { kind: 'col', index: base + inner.length, type: BOOLEAN }, not: true, type: BOOLEAN };
  }

  /** Row count and non-NULL count of a one-column subquery, joined as one row. */
  private attachCounts(bound: BoundQuery): { isEmpty: PExpr; hasNull: PExpr } {
    const item: PExpr = { kind: 'col', index: 0, type: bound.types[0]! };
    const aggregates: AggregateSpec[] = [
      { fn: 'count_star', arg: null, distinct: false, type: BIGINT },
      { fn: 'count', arg: item, distinct: false, type: BIGINT },
    ];
    const counts: LPlan = { kind: 'aggregate', input: bound.plan, groupKeys: [], aggregates, types: [BIGINT, BIGINT] };
    const base = this.base();
    this.attach({ kind: 'singleRow', input: counts, types: counts.types }, 'inner', null);
    const rows: PExpr = { kind: 'col', index: base, type: BIGINT };
    const nonNull: PExpr = { kind: 'col', index: base + 1, type: BIGINT };
    return {
      isEmpty: { kind: 'compare', op: '=', left: rows, right: { kind: 'const', value: 0n, type: BIGINT }, type: BOOLEAN },
      hasNull: { kind: 'compare', op: '<', left: nonNull, right: rows, type: BOOLEAN },
    };
  }
}

function and(parts: readonly PExpr[]): PExpr | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: BOOLEAN };
}

/**
 * A correlated subquery's predicates sorted for grouping: `inner = outer` equalities (the keys),
 * predicates on the outer row only, and predicates on inner columns only — a predicate mixing both
 * sides becomes inner-only when the outer columns it uses are each equal to an inner key (psql's
 * `a.attcollation <> t.typcollation` next to `c.oid = a.attcollation`).
 */
function splitCorrelation(predicates: readonly PExpr[], pos: number): { keys: { inner: PExpr; outer: PExpr }[]; outerOnly: PExpr[]; innerOnly: PExpr[] } {
  const keys: { inner: PExpr; outer: PExpr }[] = [];
  const outerOnly: PExpr[] = [];
  const mixed: PExpr[] = [];
  for (const p of predicates) {
    const split = splitCorrelatedEquality(p);
    const side = correlationSide(p);
    if (split) keys.push(split);
    else if (side === 'outer') outerOnly.push(p);
    else mixed.push(p);
  }
  const innerOf = new Map(keys.flatMap((k) => (k.outer.kind === 'col' ? [[k.outer.index, k.inner] as const] : [])));
  const innerOnly = mixed.map((p) => {
    const rewritten = replaceColumns(p, (c) => (c.index >= OUTER_BASE ? (innerOf.get(c.index) ?? c) : c));
    if (correlationSide(rewritten) === 'both') {
      throw new SqlError(SqlState.featureNotSupported, 'this correlated scalar subquery is not supported yet in Slicewise (a condition mixes inner and outer columns)', {
        position: pos,
      });
    }
    return rewritten;
  });
  return { keys, outerOnly, innerOnly };
}

/** Which side of a column index space an expression uses: inner columns, outer (>= OUTER_BASE), both or none. */
export function correlationSide(e: PExpr): 'inner' | 'outer' | 'both' | 'none' {
  let inner = false;
  let outer = false;
  mapColumns(e, (i) => {
    if (i >= OUTER_BASE) outer = true;
    else inner = true;
    return i;
  });
  return inner && outer ? 'both' : inner ? 'inner' : outer ? 'outer' : 'none';
}

/** `inner_expr = outer_expr` (either order), or null. */
export function splitCorrelatedEquality(p: PExpr): { inner: PExpr; outer: PExpr } | null {
  if (p.kind !== 'compare' || p.op !== '=') return null;
  const l = correlationSide(p.left);
  const r = correlationSide(p.right);
  if (l === 'inner' && r === 'outer') return { inner: p.left, outer: p.right };
  if (l === 'outer' && r === 'inner') return { inner: p.right, outer: p.left };
  return null;
}
