/**
 * AST back to SQL text: what catalogs show for stored expressions (pg_attrdef.adsrc,
 * information_schema.columns.column_default). The text parses back to the same AST (positions
 * aside): compound operands are parenthesized rather than relying on operator precedence.
 */
import { assertNever } from '../types/datatype.js';
import type * as ast from './ast.js';
import { RESERVED } from './keywords.js';

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function list<T>(items: readonly T[], render: (x: T) => string): string {
  return items.map(render).join(', ');
}

function typeText(t: ast.TypeName): string {
  return t.args.length === 0 ? t.name : `${t.name}(${t.args.join(',')})`;
}

/** Expressions that read as one unit wherever they appear. */
function isAtomic(e: ast.Expr): boolean {
  switch (e.kind) {
    case 'column':
    case 'param':
    case 'star':
    case 'func':
    case 'case':
    case 'typedLiteral':
    case 'extract':
    case 'interval':
    case 'subquery':
      return true;
    case 'literal':
      return !(e.type === 'number' && String(e.value).startsWith('-'));
    case 'cast':
      return e.syntax !== 'colons';
    default:
      return false;
  }
}

function operand(e: ast.Expr): string {
  const text = deparseExpr(e);
  return isAtomic(e) ? text : `(${text})`;
}

export function deparseExpr(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return [...e.qualifier, e.name].map(quoteIdent).join('.');
    case 'literal':
      if (e.type === 'string') return quoteLiteral(String(e.value));
      if (e.type === 'null') return 'NULL';
      return String(e.value);
    case 'param':
      return `$${e.index}`;
    case 'star':
      return [...e.qualifier.map(quoteIdent), '*'].join('.');
    case 'unary':
      return e.op === 'not' ? `NOT ${operand(e.operand)}` : `${e.op}${operand(e.operand)}`;
    case 'binary':
      return `${operand(e.left)} ${e.op === 'and' || e.op === 'or' ? e.op.toUpperCase() : e.op} ${operand(e.right)}`;
    case 'func':
      return deparseCall(e);
    case 'cast':
      if (e.syntax === 'colons') return `${operand(e.expr)}::${typeText(e.type)}`;
      if (e.syntax === 'convert') return `CONVERT(${typeText(e.type)}, ${deparseExpr(e.expr)})`;
      return `CAST(${deparseExpr(e.expr)} AS ${typeText(e.type)})`;
    case 'case': {
      const head = e.operand ? `CASE ${deparseExpr(e.operand)}` : 'CASE';
      const whens = e.whens.map((w) => ` WHEN ${deparseExpr(w.when)} THEN ${deparseExpr(w.then)}`).join('');
      return `${head}${whens}${e.else ? ` ELSE ${deparseExpr(e.else)}` : ''} END`;
    }
    case 'inList':
      return `${operand(e.expr)} ${e.not ? 'NOT IN' : 'IN'} (${list(e.list, deparseExpr)})`;
    case 'inSubquery':
      return `${operand(e.expr)} ${e.not ? 'NOT IN' : 'IN'} (${deparseQuery(e.query)})`;
    case 'exists':
      return `${e.not ? 'NOT ' : ''}EXISTS (${deparseQuery(e.query)})`;
    case 'subquery':
      return `(${deparseQuery(e.query)})`;
    case 'between':
      return `${operand(e.expr)} ${e.not ? 'NOT ' : ''}BETWEEN ${e.symmetric ? 'SYMMETRIC ' : ''}${operand(e.low)} AND ${operand(e.high)}`;
    case 'like': {
      const op = e.op === 'similar' ? 'SIMILAR TO' : e.op.toUpperCase();
      const escape = e.escape ? ` ESCAPE ${operand(e.escape)}` : '';
      return `${operand(e.expr)} ${e.not ? 'NOT ' : ''}${op} ${operand(e.pattern)}${escape}`;
    }
    case 'isNull':
      return `${operand(e.expr)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'isBool':
      return `${operand(e.expr)} IS ${e.not ? 'NOT ' : ''}${e.value.toUpperCase()}`;
    case 'extract':
      return `EXTRACT(${e.part} FROM ${deparseExpr(e.expr)})`;
    case 'interval':
      return `INTERVAL ${quoteLiteral(e.value)}${e.unit ? ` ${e.unit}` : ''}`;
    case 'typedLiteral':
      return `${typeText(e.type)} ${quoteLiteral(e.value)}`;
    default:
      return assertNever(e);
  }
}

function deparseCall(e: ast.FuncCall): string {
  const name = e.schema ? `${quoteIdent(e.schema)}.${e.name}` : e.name;
  if (e.noParens) return name;
  if (e.name === 'array' && e.args[0]?.kind === 'subquery') return `ARRAY(${deparseQuery(e.args[0].query)})`;
  let args: string;
  if (e.name === 'position' && e.args.length === 2) args = `${operand(e.args[0]!)} IN ${operand(e.args[1]!)}`;
  else if (e.name === 'substring' && e.args.length >= 2) {
    args = `${deparseExpr(e.args[0]!)} FROM ${deparseExpr(e.args[1]!)}${e.args[2] ? ` FOR ${deparseExpr(e.args[2])}` : ''}`;
  } else args = `${e.distinct ? 'DISTINCT ' : ''}${list(e.args, deparseExpr)}`;
  const nulls = e.nulls ? ` ${e.nulls.toUpperCase()} NULLS` : '';
  const within = e.withinGroup ? ` WITHIN GROUP (ORDER BY ${list(e.withinGroup, orderItem)})` : '';
  const over = e.over ? ` OVER (${windowSpec(e.over)})` : '';
  return `${e.approximate ? 'APPROXIMATE ' : ''}${name}(${args}${nulls})${within}${over}`;
}

function orderItem(o: ast.OrderItem): string {
  return `${deparseExpr(o.expr)}${o.direction === 'desc' ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`;
}

function frameBound(b: ast.FrameBound): string {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'UNBOUNDED PRECEDING';
    case 'unboundedFollowing':
      return 'UNBOUNDED FOLLOWING';
    case 'currentRow':
      return 'CURRENT ROW';
    case 'preceding':
    case 'following':
      return `${b.offset ? deparseExpr(b.offset) : ''} ${b.kind.toUpperCase()}`;
    default:
      return assertNever(b.kind);
  }
}

function windowSpec(w: ast.WindowSpec): string {
  const parts: string[] = [];
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${list(w.partitionBy, deparseExpr)}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${list(w.orderBy, orderItem)}`);
  if (w.frame) {
    const units = w.frame.units.toUpperCase();
    parts.push(w.frame.end ? `${units} BETWEEN ${frameBound(w.frame.start)} AND ${frameBound(w.frame.end)}` : `${units} ${frameBound(w.frame.start)}`);
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------- queries

export function deparseQuery(q: ast.Query): string {
  switch (q.kind) {
    case 'select':
      return withClause(q.with) + selectText(q);
    case 'setop': {
      const side = (s: ast.Query): string => (s.kind === 'setop' || s.orderBy.length > 0 || s.limit || s.offset ? `(${deparseQuery(s)})` : deparseQuery(s));
      const body = `${side(q.left)} ${q.op.toUpperCase()}${q.all ? ' ALL' : ''} ${side(q.right)}`;
      return withClause(q.with) + body + tail(q);
    }
    case 'values':
      return `VALUES ${q.rows.map((r) => `(${list(r, deparseExpr)})`).join(', ')}${tail(q)}`;
    default:
      return assertNever(q);
  }
}

function withClause(w: ast.WithClause | undefined): string {
  if (!w) return '';
  const ctes = w.ctes.map((c) => `${quoteIdent(c.name)}${c.columns ? `(${list(c.columns, quoteIdent)})` : ''} AS (${deparseQuery(c.query)})`);
  return `WITH ${w.recursive ? 'RECURSIVE ' : ''}${ctes.join(', ')} `;
}

function tail(q: { readonly orderBy: readonly ast.OrderItem[]; readonly limit?: ast.Expr; readonly offset?: ast.Expr }): string {
  let out = '';
  if (q.orderBy.length > 0) out += ` ORDER BY ${list(q.orderBy, orderItem)}`;
  if (q.limit) out += ` LIMIT ${deparseExpr(q.limit)}`;
  if (q.offset) out += ` OFFSET ${deparseExpr(q.offset)}`;
  return out;
}

function selectText(s: ast.Select): string {
  let out = `SELECT ${s.distinct ? 'DISTINCT ' : ''}${s.top ? `TOP ${deparseExpr(s.top)} ` : ''}`;
  out += list(s.items, (i) => `${deparseExpr(i.expr)}${i.alias ? ` AS ${quoteIdent(i.alias)}` : ''}`);
  if (s.from.length > 0) out += ` FROM ${list(s.from, fromItem)}`;
  if (s.where) out += ` WHERE ${deparseExpr(s.where)}`;
  if (s.groupBy) out += ` GROUP BY ${list(s.groupBy.items, groupingElement)}`;
  if (s.having) out += ` HAVING ${deparseExpr(s.having)}`;
  if (s.qualify) out += ` QUALIFY ${deparseExpr(s.qualify)}`;
  return out + tail(s);
}

function groupingElement(g: ast.GroupingElement): string {
  switch (g.kind) {
    case 'expr':
      return deparseExpr(g.expr);
    case 'rollup':
    case 'cube':
      return `${g.kind.toUpperCase()}(${list(g.exprs, deparseExpr)})`;
    case 'groupingSets':
      return `GROUPING SETS (${list(g.sets, (set) => `(${list(set, deparseExpr)})`)})`;
    default:
      return assertNever(g);
  }
}

function aliasText(alias: string | undefined, columns: readonly string[] | undefined): string {
  if (!alias) return '';
  return ` AS ${quoteIdent(alias)}${columns ? `(${list(columns, quoteIdent)})` : ''}`;
}

function fromItem(f: ast.FromItem): string {
  switch (f.kind) {
    case 'table': {
      const name = f.name.schema ? `${quoteIdent(f.name.schema)}.${quoteIdent(f.name.name)}` : quoteIdent(f.name.name);
      return name + aliasText(f.alias, f.columnAliases);
    }
    case 'subqueryRef':
      return `(${deparseQuery(f.query)})${aliasText(f.alias, f.columnAliases)}`;
    case 'functionRef':
      if (f.columnDefinitions !== undefined) {
        const definitions = list(f.columnDefinitions, (d) => `${quoteIdent(d.name)} ${typeText(d.type)}`);
        return `${deparseCall(f.func)} AS ${f.alias ? quoteIdent(f.alias) : ''}(${definitions})`;
      }
      return deparseCall(f.func) + aliasText(f.alias, f.columnAliases);
    case 'join': {
      const type = f.type === 'cross' ? 'CROSS JOIN' : `${f.type.toUpperCase()} JOIN`;
      const right = f.right.kind === 'join' ? `(${fromItem(f.right)})` : fromItem(f.right);
      let cond = '';
      if (f.on) cond = ` ON ${deparseExpr(f.on)}`;
      else if (f.using) cond = ` USING (${list(f.using, quoteIdent)})`;
      return `${fromItem(f.left)} ${f.natural ? 'NATURAL ' : ''}${type} ${right}${cond}`;
    }
    default:
      return assertNever(f);
  }
}
