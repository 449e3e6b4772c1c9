/**
 * Queries: WITH, SELECT, VALUES, set operations (INTERSECT binds tighter than UNION/EXCEPT/MINUS),
 * FROM items and joins, GROUP BY with ROLLUP/CUBE/GROUPING SETS, ORDER BY / LIMIT / OFFSET.
 */
import { SqlError, SqlState } from '../types/errors.js';
import type { ColumnDefinition, Expr, FromItem, GroupBy, GroupingElement, Query, Select, SelectItem, ValuesQuery, WithClause } from './ast.js';
import { FunctionParser } from './parse-func.js';
import type { Token } from './tokens.js';

type JoinType = 'inner' | 'left' | 'right' | 'full';

export abstract class QueryParser extends FunctionParser {
  protected parseQuery(): Query {
    const withClause = this.isWord('with') ? this.parseWith() : undefined;
    const bodyStart = this.peek();
    const query = this.parseQueryTail(this.parseSetExpression());
    return withClause === undefined ? query : this.attachWith(query, withClause, bodyStart);
  }

  private attachWith(query: Query, withClause: WithClause, bodyStart: Token): Query {
    if (query.kind === 'values') throw this.syntaxError(bodyStart);
    if (query.with !== undefined) {
      throw new SqlError(SqlState.syntaxError, 'multiple WITH clauses not allowed', { position: query.with.pos });
    }
    return { ...query, pos: withClause.pos, with: withClause };
  }

  private parseWith(): WithClause {
    const pos = this.advance().start;
    const recursive = this.acceptWord('recursive');
    const ctes = this.parseCommaList(() => {
      const ctePos = this.peek().start;
      const name = this.parseIdent();
      const columns = this.isOp('(') ? this.parseIdentList() : undefined;
      this.expectWord('as');
      return { kind: 'cte' as const, pos: ctePos, name, columns, query: this.parseParenthesizedQuery() };
    });
    return { kind: 'with', pos, recursive, ctes };
  }

  /** ORDER BY / LIMIT / OFFSET after a query body; they apply to the whole set operation. */
  private parseQueryTail(query: Query): Query {
    const orderStart = this.peek();
    const orderBy = this.parseOrderByClause();
    let limit: Expr | undefined;
    let offset: Expr | undefined;
    let limitToken: Token | undefined;
    let offsetToken: Token | undefined;
    for (;;) {
      if (limitToken === undefined && this.isWord('limit')) {
        limitToken = this.advance();
        limit = this.acceptWord('all') ? undefined : this.parseExpr();
      } else if (offsetToken === undefined && this.isWord('offset')) {
        offsetToken = this.advance();
        offset = this.parseExpr();
        this.acceptOneOf(['row', 'rows']);
      } else {
        break;
      }
    }
    if (orderBy.length === 0 && limitToken === undefined && offsetToken === undefined) return query;
    // Only a parenthesized query can already carry these: `(select ... limit 1) limit 2`.
    if (orderBy.length > 0 && query.orderBy.length > 0) throw multipleClauses('ORDER BY', orderStart);
    if (limit !== undefined && query.limit !== undefined) throw multipleClauses('LIMIT', limitToken);
    if (offset !== undefined && query.offset !== undefined) throw multipleClauses('OFFSET', offsetToken);
    return {
      ...query,
      orderBy: orderBy.length > 0 ? orderBy : query.orderBy,
      limit: limit ?? query.limit,
      offset: offset ?? query.offset,
    };
  }

  private parseSetExpression(): Query {
    const pos = this.peek().start;
    let left = this.parseIntersectTerm();
    for (;;) {
      const op = this.isWord('union') ? 'union' : this.isWord('except') || this.isWord('minus') ? 'except' : undefined;
      if (op === undefined) return left;
      this.advance();
      const all = this.acceptWord('all');
      if (!all) this.acceptWord('distinct');
      const right = this.parseIntersectTerm();
      left = { kind: 'setop', pos, op, all, left, right, orderBy: [] };
    }
  }

  private parseIntersectTerm(): Query {
    const pos = this.peek().start;
    let left = this.parseSetPrimary();
    while (this.acceptWord('intersect')) {
      const all = this.acceptWord('all');
      if (!all) this.acceptWord('distinct');
      left = { kind: 'setop', pos, op: 'intersect', all, left, right: this.parseSetPrimary(), orderBy: [] };
    }
    return left;
  }

  private parseSetPrimary(): Query {
    if (this.isOp('(')) return this.parseParenthesizedQuery();
    if (this.isWord('select')) return this.parseSelect();
    if (this.isWord('values')) return this.parseValues();
    throw this.syntaxError();
  }

  private parseValues(): ValuesQuery {
    const pos = this.advance().start;
    const rows = this.parseCommaList(() => {
      this.expectOp('(');
      const row = this.parseCommaList(() => this.parseExpr());
      this.expectOp(')');
      return row;
    });
    return { kind: 'values', pos, rows, orderBy: [] };
  }

  /** A SELECT without ORDER BY / LIMIT (those belong to the enclosing query). */
  private parseSelect(): Select {
    const pos = this.advance().start;
    const distinct = this.acceptWord('distinct');
    if (!distinct) this.acceptWord('all');
    const top = this.acceptWord('top') ? this.parseTop() : undefined;
    const items = this.parseCommaList(() => this.parseSelectItem());
    let into: Select['into'];
    if (this.acceptWord('into')) {
      let temp = this.acceptOneOf(['temp', 'temporary']) !== undefined;
      this.acceptWord('table');
      const table = this.parseQualifiedName();
      temp ||= table.name.startsWith('#');
      into = { table, temp };
    }
    const from = this.acceptWord('from') ? this.parseFromList() : [];
    const where = this.acceptWord('where') ? this.parseExpr() : undefined;
    const groupBy = this.isWord('group') && this.isWord('by', 1) ? this.parseGroupBy() : undefined;
    const having = this.acceptWord('having') ? this.parseExpr() : undefined;
    const qualify = this.acceptWord('qualify') ? this.parseExpr() : undefined;
    return { kind: 'select', pos, distinct, top, items, into, from, where, groupBy, having, qualify, orderBy: [] };
  }

  /** `TOP n` or `TOP (expr)` */
  private parseTop(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.advance();
      return { kind: 'literal', pos: t.start, type: 'number', value: t.value };
    }
    this.expectOp('(');
    const expr = this.parseExpr();
    this.expectOp(')');
    return expr;
  }

  private parseSelectItem(): SelectItem {
    const t = this.peek();
    if (t.kind === 'op' && t.value === '*') {
      this.advance();
      return { kind: 'selectItem', pos: t.start, expr: { kind: 'star', pos: t.start, qualifier: [] } };
    }
    const expr = this.parseExpr();
    let alias: string | undefined;
    if (this.acceptWord('as')) alias = this.parseLabel();
    else if (this.isIdent()) alias = this.advance().value;
    return { kind: 'selectItem', pos: t.start, expr, alias };
  }

  // ------------------------------------------------------------ FROM

  protected parseFromList(): FromItem[] {
    return this.parseCommaList(() => this.parseFromItem());
  }

  private parseFromItem(): FromItem {
    let left = this.parseTablePrimary();
    for (;;) {
      if (this.isWord('cross') && this.isWord('join', 1)) {
        this.at += 2;
        const right = this.parseTablePrimary();
        left = { kind: 'join', pos: left.pos, type: 'cross', natural: false, left, right };
        continue;
      }
      const natural = this.isWord('natural');
      const type = this.parseJoinType(natural ? 1 : 0);
      if (type === undefined) {
        if (natural) throw this.syntaxError(this.peek(1));
        return left;
      }
      const right = this.parseTablePrimary();
      if (natural) {
        left = { kind: 'join', pos: left.pos, type, natural, left, right };
      } else if (this.acceptWord('on')) {
        left = { kind: 'join', pos: left.pos, type, natural, left, right, on: this.parseExpr() };
      } else if (this.acceptWord('using')) {
        left = { kind: 'join', pos: left.pos, type, natural, left, right, using: this.parseIdentList() };
      } else {
        throw this.syntaxError();
      }
    }
  }

  /** `[INNER] JOIN`, `LEFT|RIGHT|FULL [OUTER] JOIN` starting `skip` tokens ahead; consumes through JOIN. */
  private parseJoinType(skip: number): JoinType | undefined {
    const t = this.peek(skip);
    if (t.kind !== 'word') return undefined;
    let type: JoinType;
    let length: number;
    if (t.value === 'join') {
      type = 'inner';
      length = 1;
    } else if (t.value === 'inner' && this.isWord('join', skip + 1)) {
      type = 'inner';
      length = 2;
    } else if (t.value === 'left' || t.value === 'right' || t.value === 'full') {
      type = t.value;
      const outer = this.isWord('outer', skip + 1) ? 1 : 0;
      if (!this.isWord('join', skip + 1 + outer)) throw this.syntaxError(this.peek(skip + 1 + outer));
      length = 2 + outer;
    } else {
      return undefined;
    }
    this.at += skip + length;
    return type;
  }

  private parseTablePrimary(): FromItem {
    const t = this.peek();
    if (t.kind === 'op' && t.value === '(') {
      let k = 1;
      while (this.isOp('(', k)) k++;
      if (this.isQueryStart(k)) {
        const query = this.parseParenthesizedQuery();
        return { kind: 'subqueryRef', pos: t.start, query, ...this.parseTableAlias() };
      }
      this.advance();
      const item = this.parseFromItem();
      this.expectOp(')');
      return item;
    }
    const name = this.parseQualifiedName();
    if (this.isOp('(')) {
      const func = this.parseFunctionCall(t.start, name.schema, name.name, false);
      return { kind: 'functionRef', pos: t.start, func, ...this.parseFunctionAlias() };
    }
    return { kind: 'table', pos: t.start, name, ...this.parseTableAlias() };
  }

  /** `[AS] alias [(col, ...)]`; `notAlias` is a non-reserved word that ends the item instead (UPDATE's SET). */
  protected parseTableAlias(notAlias?: string): { alias?: string; columnAliases?: string[] } {
    let alias: string | undefined;
    if (this.acceptWord('as')) alias = this.parseIdent();
    else if (this.isIdent() && (notAlias === undefined || !this.isWord(notAlias))) alias = this.advance().value;
    if (alias === undefined) return {};
    return this.isOp('(') ? { alias, columnAliases: this.parseIdentList() } : { alias };
  }

  /**
   * A table function's alias: `[AS] alias [(col, ...)]`, or a column definition list —
   * `[AS] alias (col type, ...)` or `AS (col type, ...)` — for a function that returns records.
   */
  private parseFunctionAlias(): { alias?: string; columnAliases?: string[]; columnDefinitions?: ColumnDefinition[] } {
    if (this.isWord('as') && this.isOp('(', 1)) {
      this.advance();
      return { columnDefinitions: this.parseColumnDefinitions() };
    }
    const k = this.isWord('as') ? 1 : 0;
    // alias ( name <not ',' or ')'>: the name is followed by a type.
    if (this.isIdent(k) && this.isOp('(', k + 1) && !this.isOp(',', k + 3) && !this.isOp(')', k + 3)) {
      this.at += k;
      const alias = this.parseIdent();
      return { alias, columnDefinitions: this.parseColumnDefinitions() };
    }
    return this.parseTableAlias();
  }

  private parseColumnDefinitions(): ColumnDefinition[] {
    this.expectOp('(');
    const definitions = this.parseCommaList((): ColumnDefinition => {
      const pos = this.peek().start;
      return { kind: 'columnDefinition', pos, name: this.parseIdent(), type: this.parseTypeName() };
    });
    this.expectOp(')');
    return definitions;
  }

  // ------------------------------------------------------------ GROUP BY

  private parseGroupBy(): GroupBy {
    const pos = this.advance().start;
    this.advance();
    return { kind: 'groupBy', pos, items: this.parseCommaList(() => this.parseGroupingElement()) };
  }

  private parseGroupingElement(): GroupingElement {
    const t = this.peek();
    if ((this.isWord('rollup') || this.isWord('cube')) && this.isOp('(', 1)) {
      this.advance();
      this.expectOp('(');
      const exprs = this.parseCommaList(() => this.parseExpr());
      this.expectOp(')');
      return { kind: t.value as 'rollup' | 'cube', exprs, pos: t.start };
    }
    if (this.isWord('grouping') && this.isWord('sets', 1) && this.isOp('(', 2)) {
      this.at += 2;
      this.expectOp('(');
      const sets = this.parseCommaList(() => this.parseGroupingSet());
      this.expectOp(')');
      return { kind: 'groupingSets', sets, pos: t.start };
    }
    return { kind: 'expr', expr: this.parseExpr() };
  }

  /** One set inside GROUPING SETS: `(a, b)`, `()` or a single expression. */
  private parseGroupingSet(): Expr[] {
    if (!this.acceptOp('(')) return [this.parseExpr()];
    if (this.acceptOp(')')) return [];
    const exprs = this.parseCommaList(() => this.parseExpr());
    this.expectOp(')');
    return exprs;
  }
}

function multipleClauses(clause: string, at: Token | undefined): SqlError {
  return new SqlError(SqlState.syntaxError, `multiple ${clause} clauses not allowed`, { position: at?.start });
}
