/**
 * CREATE TABLE (column definitions, table constraints, LIKE, Redshift table attributes),
 * CREATE TABLE AS, and ALTER TABLE.
 */
import type {
  AlterTable,
  AlterTableAction,
  ColumnDef,
  CreateTable,
  CreateTableAs,
  QualifiedName,
  TableAttributes,
  TableConstraint,
} from './ast.js';
import { DmlParser } from './parse-dml.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DistStyle = NonNullable<TableAttributes['diststyle']>;

const DIST_STYLES: readonly DistStyle[] = ['auto', 'even', 'key', 'all'];
/** Words that may follow a CTAS column-name list: table attributes or AS. */
const CTAS_FOLLOWERS: ReadonlySet<string> = new Set(['as', 'backup', 'diststyle', 'distkey', 'compound', 'interleaved', 'sortkey', 'encode']);

export abstract class TableDdlParser extends DmlParser {
  /** After `CREATE [TEMP]`, at TABLE: a CREATE TABLE or a CREATE TABLE AS. */
  protected parseCreateTable(pos: number, temporary: boolean): CreateTable | CreateTableAs {
    this.expectWord('table');
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName();
    const temp = temporary || name.name.startsWith('#');
    const base = { pos, name, temp, ifNotExists };
    if (!this.isOp('(') || this.isColumnNameList()) {
      const columnNames = this.isOp('(') ? this.parseIdentList() : undefined;
      const attributes = this.parseTableAttributes();
      this.expectWord('as');
      return { kind: 'createTableAs', ...base, columnNames, ...attributes, query: this.parseQuery() };
    }
    this.advance();
    if (this.acceptWord('like')) {
      const table = this.parseQualifiedName();
      const defaults = this.acceptOneOf(['including', 'excluding']);
      if (defaults !== undefined) this.expectWord('defaults');
      this.expectOp(')');
      const like = { table, includingDefaults: defaults === 'including' };
      return { kind: 'createTable', ...base, columns: [], constraints: [], like, ...this.parseTableAttributes() };
    }
    const columns: ColumnDef[] = [];
    const constraints: TableConstraint[] = [];
    do {
      if (this.isTableConstraintStart()) constraints.push(this.parseTableConstraint());
      else columns.push(this.parseColumnDef());
    } while (this.acceptOp(','));
    this.expectOp(')');
    return { kind: 'createTable', ...base, columns, constraints, ...this.parseTableAttributes() };
  }

  protected parseIfNotExists(): boolean {
    if (!this.isWord('if')) return false;
    this.advance();
    this.expectWord('not');
    this.expectWord('exists');
    return true;
  }

  protected parseIfExists(): boolean {
    if (!this.isWord('if')) return false;
    this.advance();
    this.expectWord('exists');
    return true;
  }

  /** At '(': `(a, b) [attributes] AS` (CTAS column names) rather than column definitions? */
  private isColumnNameList(): boolean {
    let k = 1;
    while (this.isIdent(k)) {
      if (this.isOp(')', k + 1)) {
        const next = this.peek(k + 2);
        return next.kind === 'word' && CTAS_FOLLOWERS.has(next.value);
      }
      if (!this.isOp(',', k + 1)) return false;
      k += 2;
    }
    return false;
  }

  /** BACKUP, DISTSTYLE, DISTKEY, [COMPOUND|INTERLEAVED] SORTKEY, ENCODE AUTO — in any order. */
  protected parseTableAttributes(): TableAttributes {
    const attributes: Mutable<TableAttributes> = {};
    for (;;) {
      if (this.acceptWord('backup')) {
        const answer = this.acceptOneOf(['yes', 'no']);
        if (answer === undefined) throw this.syntaxError();
        attributes.backup = answer === 'yes';
      } else if (this.acceptWord('diststyle')) {
        attributes.diststyle = this.parseDistStyle();
      } else if (this.isWord('distkey') && this.isOp('(', 1)) {
        this.advance();
        this.expectOp('(');
        attributes.distkey = this.parseIdent();
        this.expectOp(')');
      } else if (this.isWord('compound') || this.isWord('interleaved') || this.isWord('sortkey')) {
        const style = this.acceptOneOf(['compound', 'interleaved']) ?? 'compound';
        this.expectWord('sortkey');
        if (style === 'compound' && this.acceptWord('auto')) attributes.sortkey = { style, columns: [], auto: true };
        else attributes.sortkey = { style, columns: this.parseIdentList(), auto: false };
      } else if (this.isWord('encode') && this.isWord('auto', 1)) {
        this.at += 2;
        attributes.encodeAuto = true;
      } else {
        return attributes;
      }
    }
  }

  private parseDistStyle(): DistStyle {
    const style = this.acceptOneOf(DIST_STYLES);
    if (style === undefined) throw this.syntaxError();
    return style;
  }

  // ------------------------------------------------------------ columns and constraints

  /** `name type [DEFAULT e] [IDENTITY(s, i)] [ENCODE e] [DISTKEY] [SORTKEY] [NOT NULL|NULL] ...` in any order. */
  protected parseColumnDef(): ColumnDef {
    const pos = this.peek().start;
    const name = this.parseIdent();
    const type = this.parseTypeName();
    const column: Mutable<ColumnDef> = {
      kind: 'columnDef', pos, name, type, notNull: false, nullable: false,
      distkey: false, sortkey: false, primaryKey: false, unique: false,
    };
    while (this.parseColumnConstraint(column));
    return column;
  }

  /** One column constraint or attribute into `column`; false when none follows. */
  private parseColumnConstraint(column: Mutable<ColumnDef>): boolean {
    const t = this.peek();
    if (t.kind !== 'word') return false;
    switch (t.value) {
      case 'constraint': // a constraint name: accepted, as Redshift does, and not kept
        this.advance();
        this.parseIdent();
        return true;
      case 'default':
        this.advance();
        column.default = this.parseOther();
        return true;
      case 'identity':
        this.advance();
        column.identity = { ...this.parseIdentityArgs(), generatedByDefault: false };
        return true;
      case 'generated':
        this.advance();
        this.expectWord('by');
        this.expectWord('default');
        this.expectWord('as');
        this.expectWord('identity');
        column.identity = { ...this.parseIdentityArgs(), generatedByDefault: true };
        return true;
      case 'encode':
        this.advance();
        column.encode = this.parseLabel();
        return true;
      case 'distkey':
        this.advance();
        column.distkey = true;
        return true;
      case 'sortkey':
        this.advance();
        column.sortkey = true;
        return true;
      case 'not':
        this.advance();
        this.expectWord('null');
        column.notNull = true;
        return true;
      case 'null':
        this.advance();
        column.nullable = true;
        return true;
      case 'primary':
        this.advance();
        this.expectWord('key');
        column.primaryKey = true;
        return true;
      case 'unique':
        this.advance();
        column.unique = true;
        return true;
      case 'references':
        this.advance();
        column.references = this.parseReferenceTarget();
        return true;
      case 'collate':
        this.advance();
        column.collate = this.parseLabel();
        return true;
      default:
        return false;
    }
  }

  private parseIdentityArgs(): { seed: number; step: number } {
    this.expectOp('(');
    const seed = this.parseInteger();
    this.expectOp(',');
    const step = this.parseInteger();
    this.expectOp(')');
    return { seed, step };
  }

  /** `t [(c, ...)]` after REFERENCES. */
  private parseReferenceTarget(): { table: QualifiedName; columns: string[] } {
    const table = this.parseQualifiedName();
    return { table, columns: this.isOp('(') ? this.parseIdentList() : [] };
  }

  protected isTableConstraintStart(): boolean {
    return this.isWord('constraint') || this.isWord('primary') || this.isWord('unique') || this.isWord('foreign');
  }

  /** `[CONSTRAINT n] PRIMARY KEY (...) | UNIQUE (...) | FOREIGN KEY (...) REFERENCES t [(...)]` */
  protected parseTableConstraint(): TableConstraint {
    const pos = this.peek().start;
    const name = this.acceptWord('constraint') ? this.parseIdent() : undefined;
    if (this.acceptWord('primary')) {
      this.expectWord('key');
      return { kind: 'primaryKey', columns: this.parseIdentList(), pos, name };
    }
    if (this.acceptWord('unique')) return { kind: 'unique', columns: this.parseIdentList(), pos, name };
    this.expectWord('foreign');
    this.expectWord('key');
    const columns = this.parseIdentList();
    this.expectWord('references');
    const target = this.parseReferenceTarget();
    return { kind: 'foreignKey', columns, table: target.table, refColumns: target.columns, pos, name };
  }

  // ------------------------------------------------------------ ALTER TABLE

  protected parseAlterTable(pos: number): AlterTable {
    this.expectWord('table');
    const ifExists = this.parseIfExists();
    const name = this.parseQualifiedName();
    return { kind: 'alterTable', pos, name, ifExists, action: this.parseAlterAction() };
  }

  private parseAlterAction(): AlterTableAction {
    const t = this.advance();
    const pos = t.start;
    switch (t.kind === 'word' ? t.value : '') {
      case 'add':
        if (this.isTableConstraintStart()) return { kind: 'addConstraint', constraint: this.parseTableConstraint(), pos };
        this.acceptWord('column');
        return { kind: 'addColumn', column: this.parseColumnDef(), pos };
      case 'drop': {
        this.acceptWord('column');
        const ifExists = this.parseIfExists();
        const name = this.parseIdent();
        const cascade = this.acceptOneOf(['cascade', 'restrict']) === 'cascade';
        return { kind: 'dropColumn', name, ifExists, cascade, pos };
      }
      case 'rename': {
        if (this.acceptWord('to')) return { kind: 'renameTable', to: this.parseIdent(), pos };
        this.acceptWord('column');
        const from = this.parseIdent();
        this.expectWord('to');
        return { kind: 'renameColumn', from, to: this.parseIdent(), pos };
      }
      case 'alter':
        return this.parseAlterSubAction(pos);
      case 'owner':
        this.expectWord('to');
        return { kind: 'ownerTo', owner: this.parseIdent(), pos };
      default:
        throw this.syntaxError(t);
    }
  }

  /** After ALTER TABLE t ALTER: DISTSTYLE, DISTKEY, [COMPOUND] SORTKEY, [COLUMN] c TYPE|ENCODE. */
  private parseAlterSubAction(pos: number): AlterTableAction {
    if (this.acceptWord('diststyle')) {
      const diststyle = this.parseDistStyle();
      const distkey = diststyle === 'key' && this.acceptWord('distkey') ? this.parseIdent() : undefined;
      return { kind: 'alterDistStyle', diststyle, distkey, pos };
    }
    if (this.acceptWord('distkey')) return { kind: 'alterDistStyle', diststyle: 'key', distkey: this.parseIdent(), pos };
    if (this.isWord('sortkey') || (this.isWord('compound') && this.isWord('sortkey', 1))) {
      this.acceptWord('compound');
      this.advance();
      if (this.acceptWord('auto')) return { kind: 'alterSortKey', columns: [], auto: true, none: false, pos };
      if (this.acceptWord('none')) return { kind: 'alterSortKey', columns: [], auto: false, none: true, pos };
      return { kind: 'alterSortKey', columns: this.parseIdentList(), auto: false, none: false, pos };
    }
    this.acceptWord('column');
    const column = this.parseIdent();
    if (this.acceptWord('type')) return { kind: 'alterColumnType', column, type: this.parseTypeName(), pos };
    if (this.acceptWord('encode')) return { kind: 'alterColumnEncode', column, encode: this.parseLabel(), pos };
    throw this.syntaxError();
  }
}
