/**
 * Function calls (aggregates, WITHIN GROUP, IGNORE/RESPECT NULLS, OVER windows) and the
 * expressions with their own syntax: CASE, CAST, CONVERT, EXTRACT, POSITION, SUBSTRING, TRIM.
 */
import type { Expr, FrameBound, FuncCall, WindowSpec } from './ast.js';
import { ExprParser } from './parse-expr.js';

type NullTreatment = 'ignore' | 'respect';

export abstract class FunctionParser extends ExprParser {
  protected parseSpecialForm(): Expr | undefined {
    const t = this.peek();
    if (t.kind !== 'word') return undefined;
    if (t.value === 'case') return this.parseCase();
    if (!this.isOp('(', 1)) return undefined;
    switch (t.value) {
      case 'cast':
        return this.parseCast();
      case 'convert':
        return this.parseConvert();
      case 'extract':
        return this.parseExtract();
      case 'position':
        return this.parsePosition();
      case 'substring':
        return this.parseSubstring();
      case 'trim':
        return this.parseTrim();
      default:
        return undefined;
    }
  }

  protected parseFunctionCall(pos: number, schema: string | undefined, name: string, approximate: boolean): FuncCall {
    this.expectOp('(');
    let distinct = false;
    let args: Expr[] = [];
    let nulls: NullTreatment | undefined;
    if (this.isOp('*')) {
      args = [{ kind: 'star', pos: this.advance().start, qualifier: [] }];
    } else if (!this.isOp(')')) {
      distinct = this.acceptWord('distinct');
      if (!distinct) this.acceptWord('all');
      args = this.parseCommaList(() => this.parseExpr());
      nulls = this.parseNullTreatment();
    }
    this.expectOp(')');
    let withinGroup;
    if (this.isWord('within') && this.isWord('group', 1)) {
      this.at += 2;
      this.expectOp('(');
      withinGroup = this.parseOrderByClause();
      if (withinGroup.length === 0) throw this.syntaxError();
      this.expectOp(')');
    }
    if (nulls === undefined) nulls = this.parseNullTreatment();
    const over = this.isWord('over') && this.isOp('(', 1) ? this.parseWindowSpec() : undefined;
    return { kind: 'func', pos, name, schema, args, distinct, approximate, withinGroup, over, nulls };
  }

  /** `IGNORE NULLS` / `RESPECT NULLS`, if present. */
  private parseNullTreatment(): NullTreatment | undefined {
    if (!(this.isWord('ignore') || this.isWord('respect')) || !this.isWord('nulls', 1)) return undefined;
    const which = this.advance().value as NullTreatment;
    this.advance();
    return which;
  }

  /** `OVER ( [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame] )` */
  private parseWindowSpec(): WindowSpec {
    const pos = this.advance().start;
    this.expectOp('(');
    let partitionBy: Expr[] = [];
    if (this.isWord('partition') && this.isWord('by', 1)) {
      this.at += 2;
      partitionBy = this.parseCommaList(() => this.parseExpr());
    }
    const orderBy = this.parseOrderByClause();
    let frame: WindowSpec['frame'];
    const units = this.acceptOneOf(['rows', 'range']);
    if (units !== undefined) {
      if (this.acceptWord('between')) {
        const start = this.parseFrameBound();
        this.expectWord('and');
        frame = { units, start, end: this.parseFrameBound() };
      } else {
        frame = { units, start: this.parseFrameBound() };
      }
    }
    this.expectOp(')');
    return { kind: 'window', pos, partitionBy, orderBy, frame };
  }

  private parseFrameBound(): FrameBound {
    if (this.isWord('unbounded') && (this.isWord('preceding', 1) || this.isWord('following', 1))) {
      this.advance();
      return { kind: this.advance().value === 'preceding' ? 'unboundedPreceding' : 'unboundedFollowing' };
    }
    if (this.isWord('current') && this.isWord('row', 1)) {
      this.at += 2;
      return { kind: 'currentRow' };
    }
    const offset = this.parseOther();
    const direction = this.acceptOneOf(['preceding', 'following']);
    if (direction === undefined) throw this.syntaxError();
    return { kind: direction, offset };
  }

  /** `CASE [operand] WHEN ... THEN ... [ELSE ...] END` */
  private parseCase(): Expr {
    const pos = this.advance().start;
    const operand = this.isWord('when') ? undefined : this.parseExpr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.acceptWord('when')) {
      const when = this.parseExpr();
      this.expectWord('then');
      whens.push({ when, then: this.parseExpr() });
    }
    if (whens.length === 0) throw this.syntaxError();
    const otherwise = this.acceptWord('else') ? this.parseExpr() : undefined;
    this.expectWord('end');
    return { kind: 'case', pos, operand, whens, else: otherwise };
  }

  /** `CAST(expr AS type)` */
  private parseCast(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const expr = this.parseExpr();
    this.expectWord('as');
    const type = this.parseTypeName();
    this.expectOp(')');
    return { kind: 'cast', pos, expr, type, syntax: 'cast' };
  }

  /** `CONVERT(type, expr)` */
  private parseConvert(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const type = this.parseTypeName();
    this.expectOp(',');
    const expr = this.parseExpr();
    this.expectOp(')');
    return { kind: 'cast', pos, expr, type, syntax: 'convert' };
  }

  /** `EXTRACT(part FROM expr)`; the part is a word or a string. */
  private parseExtract(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const part = this.peek();
    if (part.kind !== 'word' && part.kind !== 'string') throw this.syntaxError();
    this.advance();
    this.expectWord('from');
    const expr = this.parseExpr();
    this.expectOp(')');
    return { kind: 'extract', pos, part: part.value.toLowerCase(), expr };
  }

  /** `POSITION(sub IN str)` -> position(sub, str) */
  private parsePosition(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const sub = this.parseOther();
    this.expectWord('in');
    const str = this.parseOther();
    this.expectOp(')');
    return call(pos, 'position', [sub, str]);
  }

  /** `SUBSTRING(s FROM start [FOR len])` or `SUBSTRING(s, start [, len])` -> substring(s, start[, len]) */
  private parseSubstring(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const args = [this.parseExpr()];
    if (this.acceptWord('from')) {
      args.push(this.parseExpr());
      if (this.acceptWord('for')) args.push(this.parseExpr());
    } else {
      while (this.acceptOp(',')) args.push(this.parseExpr());
    }
    this.expectOp(')');
    return call(pos, 'substring', args);
  }

  /**
   * `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)` -> btrim|ltrim|rtrim(s[, chars]);
   * `TRIM(s)` and `TRIM(s, chars)` -> btrim(...).
   */
  private parseTrim(): Expr {
    const pos = this.advance().start;
    this.expectOp('(');
    const side = this.acceptOneOf(['both', 'leading', 'trailing']);
    const name = side === 'leading' ? 'ltrim' : side === 'trailing' ? 'rtrim' : 'btrim';
    let args: Expr[];
    if (this.acceptWord('from')) {
      args = [this.parseExpr()];
    } else {
      const first = this.parseExpr();
      if (this.acceptWord('from')) args = [this.parseExpr(), first];
      else if (side === undefined) args = [first, ...(this.acceptOp(',') ? [this.parseExpr()] : [])];
      else throw this.syntaxError();
    }
    this.expectOp(')');
    return call(pos, name, args);
  }
}

function call(pos: number, name: string, args: Expr[]): FuncCall {
  return { kind: 'func', pos, name, args, distinct: false, approximate: false };
}
