/**
 * Expressions by precedence climbing, with PostgreSQL's precedence (lowest first):
 * OR, AND, NOT, IS/ISNULL/NOTNULL, comparison (= <> < > <= >=, non-associative),
 * LIKE/ILIKE/SIMILAR TO/BETWEEN/IN (non-associative), other operators (|| ~ & | # << >> ...),
 * + -, * / %, ^, AT TIME ZONE, unary + - ~, ::, primary.
 */
import { assertNever } from '../types/datatype.js';
import type { BinaryOperator, Expr, FuncCall, OrderItem, Query, TypedLiteral, TypeName } from './ast.js';
import { FUNCTION_NAME_KEYWORDS, INTERVAL_UNITS, NO_PAREN_FUNCTIONS, RESERVED, TYPED_LITERAL_TYPES } from './keywords.js';
import { ParserBase } from './parser-base.js';
import type { Token } from './tokens.js';

const COMPARISON_OPS: ReadonlySet<string> = new Set(['=', '<>', '<', '>', '<=', '>=']);
const OTHER_OPS: ReadonlySet<string> = new Set(['||', '~', '~*', '!~', '!~*', '&', '|', '#', '<<', '>>']);
/** Operators `OPERATOR(pg_catalog.op)` may name. */
const EXPLICIT_OPERATORS: ReadonlySet<string> = new Set([...COMPARISON_OPS, ...OTHER_OPS, '+', '-', '*', '/', '%', '^']);
/** Collations COLLATE accepts: all mean byte order (see parseCollate). */
const KNOWN_COLLATIONS: ReadonlySet<string> = new Set(['default', 'c', 'posix']);
const PREDICATE_WORDS: ReadonlySet<string> = new Set(['like', 'ilike', 'similar', 'between', 'in']);

function binary(op: BinaryOperator, left: Expr, right: Expr): Expr {
  return { kind: 'binary', pos: left.pos, op, left, right };
}

export abstract class ExprParser extends ParserBase {
  protected abstract parseQuery(): Query;
  /** CASE, CAST, CONVERT, EXTRACT, POSITION, SUBSTRING, TRIM at the current word, else undefined. */
  protected abstract parseSpecialForm(): Expr | undefined;
  /** The call after its name, at '(': arguments, WITHIN GROUP, IGNORE/RESPECT NULLS, OVER. */
  protected abstract parseFunctionCall(pos: number, schema: string | undefined, name: string, approximate: boolean): FuncCall;

  /** A full expression (PostgreSQL's a_expr). */
  parseExpr(): Expr {
    let left = this.parseAnd();
    while (this.acceptWord('or')) left = binary('or', left, this.parseAnd());
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.acceptWord('and')) left = binary('and', left, this.parseNot());
    return left;
  }

  private parseNot(): Expr {
    if (!this.isWord('not')) return this.parseIs();
    const pos = this.advance().start;
    return { kind: 'unary', pos, op: 'not', operand: this.parseNot() };
  }

  private parseIs(): Expr {
    let expr = this.parseComparison();
    for (;;) {
      if (this.isWord('isnull') || this.isWord('notnull')) {
        expr = { kind: 'isNull', pos: expr.pos, expr, not: this.advance().value === 'notnull' };
        continue;
      }
      if (!this.acceptWord('is')) return expr;
      const not = this.acceptWord('not');
      const t = this.peek();
      if (t.kind !== 'word') throw this.syntaxError();
      if (t.value === 'null') {
        expr = { kind: 'isNull', pos: expr.pos, expr, not };
      } else if (t.value === 'true' || t.value === 'false' || t.value === 'unknown') {
        expr = { kind: 'isBool', pos: expr.pos, expr, value: t.value, not };
      } else {
        throw this.syntaxError();
      }
      this.advance();
    }
  }

  private parseComparison(): Expr {
    const left = this.parsePredicate();
    const t = this.peek();
    if (t.kind !== 'op' || !COMPARISON_OPS.has(t.value)) return left;
    this.advance();
    return binary(t.value as BinaryOperator, left, this.parsePredicate());
  }

  /** [NOT] LIKE | ILIKE | SIMILAR TO | BETWEEN | IN after an operand. */
  private parsePredicate(): Expr {
    const left = this.parseOther();
    const not = this.isWord('not') && this.peek(1).kind === 'word' && PREDICATE_WORDS.has(this.peek(1).value);
    const t = this.peek(not ? 1 : 0);
    if (t.kind !== 'word') return left;
    switch (t.value) {
      case 'like':
      case 'ilike':
        this.at += not ? 2 : 1;
        return this.finishLike(left, t.value, not);
      case 'similar':
        if (!this.isWord('to', not ? 2 : 1)) throw this.syntaxError(this.peek(not ? 2 : 1));
        this.at += not ? 3 : 2;
        return this.finishLike(left, 'similar', not);
      case 'between': {
        this.at += not ? 2 : 1;
        const symmetric = this.acceptWord('symmetric');
        if (!symmetric) this.acceptWord('asymmetric');
        const low = this.parseOther();
        this.expectWord('and');
        return { kind: 'between', pos: left.pos, expr: left, low, high: this.parseOther(), not, symmetric };
      }
      case 'in':
        this.at += not ? 2 : 1;
        return this.finishIn(left, not);
      default:
        return left;
    }
  }

  private finishLike(expr: Expr, op: 'like' | 'ilike' | 'similar', not: boolean): Expr {
    const pattern = this.parseOther();
    const escape = this.acceptWord('escape') ? this.parseOther() : undefined;
    return { kind: 'like', pos: expr.pos, op, expr, pattern, escape, not };
  }

  private finishIn(expr: Expr, not: boolean): Expr {
    this.expectOp('(');
    if (this.isQueryStart()) {
      const query = this.parseQuery();
      this.expectOp(')');
      return { kind: 'inSubquery', pos: expr.pos, expr, query, not };
    }
    const list = this.parseCommaList(() => this.parseExpr());
    this.expectOp(')');
    return { kind: 'inList', pos: expr.pos, expr, list, not };
  }

  /**
   * Operators above the predicates: ||, regex matches, bitwise (PostgreSQL's b_expr level), and
   * `OPERATOR(pg_catalog.op)`, which psql writes for its name patterns and which PostgreSQL parses at
   * this level whatever the operator.
   */
  protected parseOther(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const op = this.acceptExplicitOperator();
      if (op !== undefined) {
        left = binary(op, left, this.parseAdditive());
        continue;
      }
      const t = this.peek();
      if (t.kind !== 'op' || !OTHER_OPS.has(t.value)) return left;
      this.advance();
      left = binary(t.value as BinaryOperator, left, this.parseAdditive());
    }
  }

  /** `OPERATOR ( [pg_catalog .] op )`: the operator, or undefined when the syntax does not start here. */
  private acceptExplicitOperator(): BinaryOperator | undefined {
    if (!this.isWord('operator') || !this.isOp('(', 1)) return undefined;
    this.at += 2;
    if (this.isOp('.', 1)) {
      const schema = this.peek();
      if (!this.isWord('pg_catalog')) throw this.syntaxError(schema);
      this.at += 2;
    }
    const t = this.peek();
    if (t.kind !== 'op' || !EXPLICIT_OPERATORS.has(t.value)) throw this.syntaxError(t);
    this.advance();
    this.expectOp(')');
    return t.value as BinaryOperator;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.value !== '+' && t.value !== '-')) return left;
      this.advance();
      left = binary(t.value, left, this.parseMultiplicative());
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseExponent();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return left;
      this.advance();
      left = binary(t.value, left, this.parseExponent());
    }
  }

  private parseExponent(): Expr {
    let left = this.parseAtTimeZone();
    while (this.acceptOp('^')) left = binary('^', left, this.parseAtTimeZone());
    return left;
  }

  /** `x AT TIME ZONE z` -> timezone(z, x), as PostgreSQL rewrites it. */
  private parseAtTimeZone(): Expr {
    let expr = this.parseCollate();
    while (this.isWord('at') && this.isWord('time', 1) && this.isWord('zone', 2)) {
      this.at += 3;
      const zone = this.parseCollate();
      expr = { kind: 'func', pos: expr.pos, name: 'timezone', args: [zone, expr], distinct: false, approximate: false };
    }
    return expr;
  }

  /**
   * `x COLLATE name` (psql 12+ writes `COLLATE pg_catalog.default`). Slicewise compares strings by
   * their bytes — PostgreSQL's "C" collation, which is what "default" and "POSIX" are here too — so
   * those names leave the expression as it is. Any other name is not taken here: after a column's
   * DEFAULT, `COLLATE case_insensitive` belongs to the column definition.
   */
  private parseCollate(): Expr {
    const expr = this.parseUnary();
    for (;;) {
      const qualified = this.isWord('pg_catalog', 1) && this.isOp('.', 2);
      const name = this.peek(qualified ? 3 : 1);
      if (!this.isWord('collate') || (name.kind !== 'word' && name.kind !== 'quotedIdent') || !KNOWN_COLLATIONS.has(name.value.toLowerCase())) return expr;
      this.at += qualified ? 4 : 2;
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
      this.advance();
      const operand = this.parseUnary();
      // A negative numeric constant is one literal (as PostgreSQL folds it), so -2147483648 is an integer.
      if (t.value === '-' && operand.kind === 'literal' && operand.type === 'number') {
        const value = operand.value as string;
        return { kind: 'literal', pos: t.start, type: 'number', value: value.startsWith('-') ? value.slice(1) : `-${value}` };
      }
      return { kind: 'unary', pos: t.start, op: t.value, operand };
    }
    let expr = this.parsePrimary();
    while (this.acceptOp('::')) expr = { kind: 'cast', pos: expr.pos, expr, type: this.parseTypeName(), syntax: 'colons' };
    return expr;
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.advance();
        return { kind: 'literal', pos: t.start, type: 'number', value: t.value };
      case 'string':
        this.advance();
        return { kind: 'literal', pos: t.start, type: 'string', value: t.value };
      case 'param':
        this.advance();
        return { kind: 'param', pos: t.start, index: Number(t.value) };
      case 'quotedIdent':
        return this.parseNameExpr();
      case 'word':
        return this.parseWordExpr(t);
      case 'op':
        if (t.value === '(') return this.parseParenthesized();
        throw this.syntaxError();
      case 'eof':
        throw this.syntaxError();
      default:
        return assertNever(t.kind);
    }
  }

  private parseWordExpr(t: Token): Expr {
    const callFollows = this.isOp('(', 1);
    switch (t.value) {
      case 'null':
        this.advance();
        return { kind: 'literal', pos: t.start, type: 'null', value: null };
      case 'true':
      case 'false':
        this.advance();
        return { kind: 'literal', pos: t.start, type: 'boolean', value: t.value === 'true' };
      case 'interval':
        if (this.peek(1).kind === 'string') return this.parseIntervalLiteral();
        break;
      case 'exists':
        if (callFollows) {
          this.advance();
          return { kind: 'exists', pos: t.start, query: this.parseParenthesizedQuery(), not: false };
        }
        break;
      case 'array':
        // ARRAY(subquery): a call of `array` whose one argument is the subquery.
        if (callFollows && this.isQueryStart(2)) {
          this.advance();
          const pos = this.peek().start;
          const query: Expr = { kind: 'subquery', pos, query: this.parseParenthesizedQuery() };
          return { kind: 'func', pos: t.start, name: 'array', args: [query], distinct: false, approximate: false };
        }
        break;
      case 'approximate':
        if (this.peek(1).kind === 'word' && this.isOp('(', 2)) {
          this.advance();
          return this.parseFunctionCall(t.start, undefined, this.advance().value, true);
        }
        break;
    }
    const special = this.parseSpecialForm();
    if (special !== undefined) return special;
    if (NO_PAREN_FUNCTIONS.has(t.value) && !callFollows) {
      this.advance();
      return { kind: 'func', pos: t.start, name: t.value, args: [], distinct: false, approximate: false, noParens: true };
    }
    if (TYPED_LITERAL_TYPES.has(t.value)) {
      const literal = this.tryTypedLiteral();
      if (literal !== undefined) return literal;
    }
    if (RESERVED.has(t.value) && !(callFollows && (FUNCTION_NAME_KEYWORDS.has(t.value) || NO_PAREN_FUNCTIONS.has(t.value)))) {
      throw this.syntaxError();
    }
    return this.parseNameExpr();
  }

  /** `a`, `t.a`, `s.t.a`, `t.*`, `f(...)`, `s.f(...)`; the first part was checked by the caller. */
  private parseNameExpr(): Expr {
    const first = this.advance();
    const parts = [first.value];
    while (this.isOp('.')) {
      if (this.isOp('*', 1)) {
        this.at += 2;
        return { kind: 'star', pos: first.start, qualifier: parts };
      }
      this.advance();
      parts.push(this.parseLabel());
    }
    const name = parts[parts.length - 1] as string;
    if (this.isOp('(')) {
      if (parts.length > 2) throw this.syntaxError();
      return this.parseFunctionCall(first.start, parts.length === 2 ? parts[0] : undefined, name, false);
    }
    return { kind: 'column', pos: first.start, qualifier: parts.slice(0, -1), name };
  }

  /** `( expr )` or a scalar subquery `( select ... )`. */
  private parseParenthesized(): Expr {
    if (this.isQueryStart(1)) {
      const pos = this.peek().start;
      return { kind: 'subquery', pos, query: this.parseParenthesizedQuery() };
    }
    this.advance();
    const expr = this.parseExpr();
    this.expectOp(')');
    return expr;
  }

  protected parseParenthesizedQuery(): Query {
    this.expectOp('(');
    const query = this.parseQuery();
    this.expectOp(')');
    return query;
  }

  /** SELECT, WITH or VALUES ( at token `k`. */
  protected isQueryStart(k = 0): boolean {
    return this.isWord('select', k) || this.isWord('with', k) || (this.isWord('values', k) && this.isOp('(', k + 1));
  }

  /** `INTERVAL '1 day'`, `INTERVAL '2' HOUR`, `INTERVAL '1-2' YEAR TO MONTH`. */
  private parseIntervalLiteral(): Expr {
    const pos = this.advance().start;
    const value = this.advance().value;
    let unit: string | undefined;
    const t = this.peek();
    if (t.kind === 'word' && INTERVAL_UNITS.has(t.value)) {
      this.advance();
      unit = t.value;
      const end = this.peek(1);
      if (this.isWord('to') && end.kind === 'word' && INTERVAL_UNITS.has(end.value)) {
        this.at += 2;
        unit = `${unit} to ${end.value}`;
      }
    }
    return { kind: 'interval', pos, value, unit };
  }

  /** `DATE '...'`, `TIMESTAMP '...'`, `TIMESTAMP WITH TIME ZONE '...'`, ...; undefined if no string follows. */
  private tryTypedLiteral(): TypedLiteral | undefined {
    const t = this.peek();
    let name = t.value;
    let length = 1;
    if ((name === 'timestamp' || name === 'time') && (this.isWord('with', 1) || this.isWord('without', 1)) && this.isWord('time', 2) && this.isWord('zone', 3)) {
      name += ` ${this.peek(1).value} time zone`;
      length = 4;
    }
    const literal = this.peek(length);
    if (literal.kind !== 'string') return undefined;
    this.at += length + 1;
    const type: TypeName = { kind: 'type', pos: t.start, name, args: [] };
    return { kind: 'typedLiteral', pos: t.start, type, value: literal.value };
  }

  /** `expr [ASC|DESC] [NULLS FIRST|LAST]` */
  protected parseOrderItem(): OrderItem {
    const expr = this.parseExpr();
    const direction = this.acceptOneOf(['asc', 'desc']) ?? 'asc';
    let nulls: 'first' | 'last' | undefined;
    if (this.isWord('nulls') && (this.isWord('first', 1) || this.isWord('last', 1))) {
      this.advance();
      nulls = this.advance().value as 'first' | 'last';
    }
    return { kind: 'orderItem', pos: expr.pos, expr, direction, nulls };
  }

  /** `ORDER BY item, ...` if present, else []. */
  protected parseOrderByClause(): OrderItem[] {
    if (!(this.isWord('order') && this.isWord('by', 1))) return [];
    this.at += 2;
    return this.parseCommaList(() => this.parseOrderItem());
  }
}
