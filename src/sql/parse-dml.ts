/** INSERT, UPDATE and DELETE. */
import type { DefaultMarker, Delete, Expr, Insert, Merge, Update } from './ast.js';
import { QueryParser } from './parse-query.js';

export abstract class DmlParser extends QueryParser {
  /** `INSERT INTO t [(cols)] VALUES (...), ... | query | DEFAULT VALUES` */
  protected parseInsert(): Insert {
    const pos = this.advance().start;
    this.expectWord('into');
    const table = this.parseQualifiedName();
    const columns = this.isOp('(') && !this.isQueryStart(1) ? this.parseIdentList() : undefined;
    let source: Insert['source'];
    if (this.isWord('default') && this.isWord('values', 1)) {
      this.at += 2;
      source = { kind: 'defaultValues' };
    } else if (this.acceptWord('values')) {
      source = { kind: 'values', rows: this.parseCommaList(() => this.parseValuesRow()) };
    } else {
      source = { kind: 'query', query: this.parseQuery() };
    }
    return { kind: 'insert', pos, table, columns, source };
  }

  private parseValuesRow(): (Expr | DefaultMarker)[] {
    this.expectOp('(');
    const row = this.parseCommaList(() => this.parseValueOrDefault());
    this.expectOp(')');
    return row;
  }

  private parseValueOrDefault(): Expr | DefaultMarker {
    if (this.isWord('default')) return { kind: 'default', pos: this.advance().start };
    return this.parseExpr();
  }

  /** `UPDATE t [[AS] alias] SET c = e, ... [FROM ...] [WHERE ...]` */
  protected parseUpdate(): Update {
    const pos = this.advance().start;
    const table = this.parseQualifiedName();
    const { alias } = this.parseTableAlias('set');
    this.expectWord('set');
    const set = this.parseSetList();
    const from = this.acceptWord('from') ? this.parseFromList() : [];
    const where = this.acceptWord('where') ? this.parseExpr() : undefined;
    return { kind: 'update', pos, table, alias, set, from, where };
  }

  /** `c = e, ...` of UPDATE and MERGE. */
  private parseSetList(): Update['set'] {
    return this.parseCommaList(() => {
      const columnPos = this.peek().start;
      const column = this.parseIdent();
      this.expectOp('=');
      return { column, value: this.parseValueOrDefault(), pos: columnPos };
    });
  }

  /** `MERGE INTO t USING s [[AS] alias] ON cond WHEN MATCHED THEN {UPDATE SET ... | DELETE} WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (...)` */
  protected parseMerge(): Merge {
    const pos = this.advance().start;
    this.expectWord('into');
    const target = this.parseQualifiedName();
    this.expectWord('using');
    const source = this.parseQualifiedName();
    const { alias: sourceAlias } = this.parseTableAlias('on');
    this.expectWord('on');
    const on = this.parseExpr();
    for (const w of ['when', 'matched', 'then']) this.expectWord(w);
    let matched: Merge['matched'];
    if (this.isWord('delete')) matched = { kind: 'delete', pos: this.advance().start };
    else {
      this.expectWord('update');
      this.expectWord('set');
      matched = { kind: 'update', set: this.parseSetList() };
    }
    for (const w of ['when', 'not', 'matched', 'then']) this.expectWord(w);
    const insertPos = this.peek().start;
    this.expectWord('insert');
    const columns = this.isOp('(') ? this.parseIdentList() : undefined;
    this.expectWord('values');
    return { kind: 'merge', pos, target, source, sourceAlias, on, matched, notMatched: { columns, values: this.parseValuesRow(), pos: insertPos } };
  }

  /** `DELETE [FROM] t [[AS] alias] [USING ...] [WHERE ...]` */
  protected parseDelete(): Delete {
    const pos = this.advance().start;
    this.acceptWord('from');
    const table = this.parseQualifiedName();
    const { alias } = this.parseTableAlias();
    const using = this.acceptWord('using') ? this.parseFromList() : [];
    const where = this.acceptWord('where') ? this.parseExpr() : undefined;
    return { kind: 'delete', pos, table, alias, using, where };
  }
}
