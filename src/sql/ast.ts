/**
 * The typed AST of Redshift SQL. Every node is a plain readonly object with a `kind` tag and `pos`,
 * the 0-based character offset in the statement text where the node starts (errors report it).
 * Identifiers are already folded to lower case (Redshift folds quoted identifiers too).
 */

export interface Node {
  readonly pos: number;
}

// ---------------------------------------------------------------- names and types

/** A possibly qualified name: `[schema.]name`. */
export interface QualifiedName extends Node {
  readonly kind: 'qname';
  readonly schema?: string;
  readonly name: string;
}

/** A type as written: `varchar(10)`, `numeric(8,2)`, `character varying`, `double precision`, `varchar(max)`. */
export interface TypeName extends Node {
  readonly kind: 'type';
  /** Canonical lower-case name with multi-word names joined by one space, e.g. 'character varying', 'double precision', 'timestamp with time zone'. */
  readonly name: string;
  /** Type arguments; 'max' for VARCHAR(MAX)/CHAR(MAX). */
  readonly args: readonly (number | 'max')[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | ColumnRef
  | Literal
  | Param
  | Star
  | UnaryOp
  | BinaryOp
  | FuncCall
  | CastExpr
  | CaseExpr
  | InList
  | InSubquery
  | Exists
  | ScalarSubquery
  | Between
  | Like
  | IsNull
  | IsBool
  | ExtractExpr
  | IntervalLiteral
  | TypedLiteral;

/** `a`, `t.a`, `s.t.a`. */
export interface ColumnRef extends Node {
  readonly kind: 'column';
  /** Qualifier parts before the column name (table, or schema and table). */
  readonly qualifier: readonly string[];
  readonly name: string;
}

export interface Literal extends Node {
  readonly kind: 'literal';
  /**
   * 'string': a quoted string (value is the unescaped text); 'number': the numeric text as written
   * (value like '42', '3.14', '1e10'); 'boolean'; 'null'.
   */
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | boolean | null;
}

/** `$1` (1-based). */
export interface Param extends Node {
  readonly kind: 'param';
  readonly index: number;
}

/** `*` or `t.*` in a select list or `count(*)`. */
export interface Star extends Node {
  readonly kind: 'star';
  readonly qualifier: readonly string[];
}

export interface UnaryOp extends Node {
  readonly kind: 'unary';
  /** 'not', '-', '+', '~' (bitwise not) */
  readonly op: 'not' | '-' | '+' | '~';
  readonly operand: Expr;
}

export type BinaryOperator =
  | 'and' | 'or'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%' | '^'
  | '||'
  | '&' | '|' | '#' | '<<' | '>>'
  | '~' | '~*' | '!~' | '!~*';

export interface BinaryOp extends Node {
  readonly kind: 'binary';
  /** `!=` is normalized to `<>`. */
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

export interface OrderItem extends Node {
  readonly kind: 'orderItem';
  readonly expr: Expr;
  readonly direction: 'asc' | 'desc';
  /** Explicit NULLS FIRST/LAST, else undefined (default: last for asc, first for desc). */
  readonly nulls?: 'first' | 'last';
}

export interface FrameBound {
  readonly kind: 'unboundedPreceding' | 'preceding' | 'currentRow' | 'following' | 'unboundedFollowing';
  /** Offset for 'preceding'/'following'. */
  readonly offset?: Expr;
}

export interface WindowSpec extends Node {
  readonly kind: 'window';
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  /** ROWS frame (Redshift supports only ROWS). `end` undefined for the `ROWS <start>` short form. */
  readonly frame?: { readonly units: 'rows' | 'range'; readonly start: FrameBound; readonly end?: FrameBound };
}

/**
 * A function call, aggregate or window function:
 * `f(args)`, `count(*)` (args = [Star]), `count(distinct x)`, `approximate count(distinct x)`,
 * `listagg(x, ',') within group (order by y)`, `percentile_cont(0.5) within group (order by x)`,
 * `lag(x) ignore nulls over (...)`, `first_value(x ignore nulls) over (...)`.
 * Also: `position(a in b)` -> name 'position' args [a, b]; `substring(a from b for c)` -> 'substring' [a,b,c];
 * `trim([both|leading|trailing] [chars] from s)` -> 'btrim'|'ltrim'|'rtrim' [s, chars?];
 * `convert(type, expr)` -> CastExpr; `current_date`, `sysdate`, `current_timestamp`, `current_user`,
 * `localtimestamp` etc. (no parentheses) -> FuncCall with args [] and `noParens: true`;
 * `ARRAY(subquery)` -> 'array' [ScalarSubquery].
 */
export interface FuncCall extends Node {
  readonly kind: 'func';
  /** Lower-case function name; schema-qualified calls keep only the last part in `name`. */
  readonly name: string;
  readonly schema?: string;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  /** APPROXIMATE prefix (APPROXIMATE COUNT(DISTINCT ...), APPROXIMATE PERCENTILE_DISC). */
  readonly approximate: boolean;
  readonly withinGroup?: readonly OrderItem[];
  readonly over?: WindowSpec;
  /** IGNORE NULLS / RESPECT NULLS, wherever written. */
  readonly nulls?: 'ignore' | 'respect';
  /** Written without parentheses (CURRENT_DATE, SYSDATE, ...). */
  readonly noParens?: boolean;
}

/** `CAST(x AS t)`, `x::t`, `CONVERT(t, x)`. */
export interface CastExpr extends Node {
  readonly kind: 'cast';
  readonly expr: Expr;
  readonly type: TypeName;
  readonly syntax: 'cast' | 'colons' | 'convert';
}

export interface CaseExpr extends Node {
  readonly kind: 'case';
  /** Simple CASE operand, if any. */
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}

export interface InList extends Node {
  readonly kind: 'inList';
  readonly expr: Expr;
  readonly list: readonly Expr[];
  readonly not: boolean;
}

export interface InSubquery extends Node {
  readonly kind: 'inSubquery';
  readonly expr: Expr;
  readonly query: Query;
  readonly not: boolean;
}

export interface Exists extends Node {
  readonly kind: 'exists';
  readonly query: Query;
  readonly not: boolean;
}

export interface ScalarSubquery extends Node {
  readonly kind: 'subquery';
  readonly query: Query;
}

export interface Between extends Node {
  readonly kind: 'between';
  readonly expr: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly not: boolean;
  readonly symmetric: boolean;
}

export interface Like extends Node {
  readonly kind: 'like';
  readonly op: 'like' | 'ilike' | 'similar';
  readonly expr: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly not: boolean;
}

export interface IsNull extends Node {
  readonly kind: 'isNull';
  readonly expr: Expr;
  readonly not: boolean;
}

/** `x IS [NOT] TRUE | FALSE | UNKNOWN`. */
export interface IsBool extends Node {
  readonly kind: 'isBool';
  readonly expr: Expr;
  readonly value: 'true' | 'false' | 'unknown';
  readonly not: boolean;
}

/** `EXTRACT(part FROM x)`; part lower-cased as written (e.g. 'year', 'epoch', 'dow'). */
export interface ExtractExpr extends Node {
  readonly kind: 'extract';
  readonly part: string;
  readonly expr: Expr;
}

/** `INTERVAL '1 day'` or `INTERVAL '2' HOUR` (unit lower-cased, when written). */
export interface IntervalLiteral extends Node {
  readonly kind: 'interval';
  readonly value: string;
  readonly unit?: string;
}

/** `DATE '2008-01-01'`, `TIMESTAMP '...'`, `TIME '...'`, `TIMESTAMPTZ '...'`: a typed string literal. */
export interface TypedLiteral extends Node {
  readonly kind: 'typedLiteral';
  readonly type: TypeName;
  readonly value: string;
}

// ---------------------------------------------------------------- queries

export type Query = Select | SetOperation | ValuesQuery;

export interface SelectItem extends Node {
  readonly kind: 'selectItem';
  readonly expr: Expr;
  readonly alias?: string;
}

export interface CommonTableExpr extends Node {
  readonly kind: 'cte';
  readonly name: string;
  readonly columns?: readonly string[];
  readonly query: Query;
}

export interface WithClause extends Node {
  readonly kind: 'with';
  readonly recursive: boolean;
  readonly ctes: readonly CommonTableExpr[];
}

export interface Select extends Node {
  readonly kind: 'select';
  readonly with?: WithClause;
  readonly distinct: boolean;
  /** TOP n */
  readonly top?: Expr;
  readonly items: readonly SelectItem[];
  /** SELECT ... INTO [TEMP] table FROM ... */
  readonly into?: { readonly table: QualifiedName; readonly temp: boolean };
  readonly from: readonly FromItem[];
  readonly where?: Expr;
  readonly groupBy?: GroupBy;
  readonly having?: Expr;
  readonly qualify?: Expr;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

export type GroupingElement =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'rollup' | 'cube'; readonly exprs: readonly Expr[]; readonly pos: number }
  | { readonly kind: 'groupingSets'; readonly sets: readonly (readonly Expr[])[]; readonly pos: number };

export interface GroupBy extends Node {
  readonly kind: 'groupBy';
  readonly items: readonly GroupingElement[];
}

export interface SetOperation extends Node {
  readonly kind: 'setop';
  readonly with?: WithClause;
  /** MINUS is parsed as 'except'. */
  readonly op: 'union' | 'intersect' | 'except';
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

/** A VALUES list used as a query: `VALUES (1,'a'), (2,'b')`. */
export interface ValuesQuery extends Node {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

export type FromItem = TableRef | SubqueryRef | JoinRef | FunctionRef;

export interface TableRef extends Node {
  readonly kind: 'table';
  readonly name: QualifiedName;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
}

export interface SubqueryRef extends Node {
  readonly kind: 'subqueryRef';
  readonly query: Query;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
}

/** A table function in FROM, e.g. `generate_series(1, 10) AS g(n)`. */
export interface FunctionRef extends Node {
  readonly kind: 'functionRef';
  readonly func: FuncCall;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  /**
   * A column definition list, `AS cols(a int, b varchar)` or `AS (a int, ...)`: the columns of a
   * function that returns records (PG_GET_LATE_BINDING_VIEW_COLS).
   */
  readonly columnDefinitions?: readonly ColumnDefinition[];
}

/** One column of a column definition list. */
export interface ColumnDefinition extends Node {
  readonly kind: 'columnDefinition';
  readonly name: string;
  readonly type: TypeName;
}

export interface JoinRef extends Node {
  readonly kind: 'join';
  /** A comma in FROM is a separate FromItem, not a 'cross' join. */
  readonly type: 'inner' | 'left' | 'right' | 'full' | 'cross';
  readonly natural: boolean;
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on?: Expr;
  readonly using?: readonly string[];
}

// ---------------------------------------------------------------- statements

export type Statement =
  | QueryStatement
  | Insert
  | Update
  | Delete
  | Merge
  | CreateTable
  | CreateTableAs
  | CreateSchema
  | DropSchema
  | DropTable
  | AlterTable
  | Truncate
  | Lock
  | CreateView
  | DropView
  | TransactionStatement
  | SetStatement
  | ShowStatement
  | ShowDefinition
  | ResetStatement
  | Copy
  | Unload
  | Vacuum
  | Analyze
  | Explain
  | CommentOn
  | Deallocate;

export interface QueryStatement extends Node {
  readonly kind: 'query';
  readonly query: Query;
}

export interface Insert extends Node {
  readonly kind: 'insert';
  readonly table: QualifiedName;
  readonly columns?: readonly string[];
  /** VALUES rows (each value an Expr or DEFAULT), a query, or DEFAULT VALUES. */
  readonly source:
    | { readonly kind: 'values'; readonly rows: readonly (readonly (Expr | DefaultMarker)[])[] }
    | { readonly kind: 'query'; readonly query: Query }
    | { readonly kind: 'defaultValues' };
}

export interface DefaultMarker extends Node {
  readonly kind: 'default';
}

/**
 * `MERGE INTO target USING source [[AS] alias] ON condition WHEN MATCHED THEN {UPDATE SET ... | DELETE}
 * WHEN NOT MATCHED THEN INSERT [(columns)] VALUES (...)` (dg:r_MERGE.md).
 */
export interface Merge extends Node {
  readonly kind: 'merge';
  readonly target: QualifiedName;
  readonly source: QualifiedName;
  readonly sourceAlias?: string;
  readonly on: Expr;
  readonly matched: { readonly kind: 'update'; readonly set: Update['set'] } | { readonly kind: 'delete'; readonly pos: number };
  readonly notMatched: { readonly columns?: readonly string[]; readonly values: readonly (Expr | DefaultMarker)[]; readonly pos: number };
}

export interface Update extends Node {
  readonly kind: 'update';
  readonly table: QualifiedName;
  readonly alias?: string;
  readonly set: readonly { readonly column: string; readonly value: Expr | DefaultMarker; readonly pos: number }[];
  readonly from: readonly FromItem[];
  readonly where?: Expr;
}

export interface Delete extends Node {
  readonly kind: 'delete';
  readonly table: QualifiedName;
  readonly alias?: string;
  readonly using: readonly FromItem[];
  readonly where?: Expr;
}

export interface ColumnDef extends Node {
  readonly kind: 'columnDef';
  readonly name: string;
  readonly type: TypeName;
  readonly notNull: boolean;
  /** Explicit NULL was written. */
  readonly nullable: boolean;
  readonly default?: Expr;
  /** IDENTITY(seed, step) or GENERATED BY DEFAULT AS IDENTITY(seed, step). */
  readonly identity?: { readonly seed: number; readonly step: number; readonly generatedByDefault: boolean };
  readonly encode?: string;
  readonly distkey: boolean;
  readonly sortkey: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly references?: { readonly table: QualifiedName; readonly columns: readonly string[] };
  readonly collate?: string;
}

export type TableConstraint =
  | { readonly kind: 'primaryKey'; readonly columns: readonly string[]; readonly pos: number; readonly name?: string }
  | { readonly kind: 'unique'; readonly columns: readonly string[]; readonly pos: number; readonly name?: string }
  | {
      readonly kind: 'foreignKey';
      readonly columns: readonly string[];
      readonly table: QualifiedName;
      readonly refColumns: readonly string[];
      readonly pos: number;
      readonly name?: string;
    };

/** Table attributes shared by CREATE TABLE and CREATE TABLE AS. */
export interface TableAttributes {
  readonly diststyle?: 'auto' | 'even' | 'key' | 'all';
  readonly distkey?: string;
  /** Sort key columns; `auto: true` for SORTKEY AUTO. */
  readonly sortkey?: { readonly style: 'compound' | 'interleaved'; readonly columns: readonly string[]; readonly auto: boolean };
  /** BACKUP YES|NO (recorded). */
  readonly backup?: boolean;
  /** ENCODE AUTO at table level. */
  readonly encodeAuto?: boolean;
}

export interface CreateTable extends Node, TableAttributes {
  readonly kind: 'createTable';
  readonly name: QualifiedName;
  /** TEMP/TEMPORARY, or a name starting with '#'. */
  readonly temp: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDef[];
  readonly constraints: readonly TableConstraint[];
  /** CREATE TABLE t (LIKE parent [INCLUDING|EXCLUDING DEFAULTS]) */
  readonly like?: { readonly table: QualifiedName; readonly includingDefaults: boolean };
}

export interface CreateTableAs extends Node, TableAttributes {
  readonly kind: 'createTableAs';
  readonly name: QualifiedName;
  readonly temp: boolean;
  readonly ifNotExists: boolean;
  readonly columnNames?: readonly string[];
  readonly query: Query;
}

export interface CreateSchema extends Node {
  readonly kind: 'createSchema';
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly authorization?: string;
}

export interface DropSchema extends Node {
  readonly kind: 'dropSchema';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

export interface DropTable extends Node {
  readonly kind: 'dropTable';
  readonly names: readonly QualifiedName[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

export type AlterTableAction =
  | { readonly kind: 'addColumn'; readonly column: ColumnDef; readonly pos: number }
  | { readonly kind: 'dropColumn'; readonly name: string; readonly ifExists: boolean; readonly cascade: boolean; readonly pos: number }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string; readonly pos: number }
  | { readonly kind: 'renameTable'; readonly to: string; readonly pos: number }
  | { readonly kind: 'alterDistStyle'; readonly diststyle: 'auto' | 'even' | 'key' | 'all'; readonly distkey?: string; readonly pos: number }
  | { readonly kind: 'alterSortKey'; readonly columns: readonly string[]; readonly auto: boolean; readonly none: boolean; readonly pos: number }
  | { readonly kind: 'addConstraint'; readonly constraint: TableConstraint; readonly pos: number }
  | { readonly kind: 'alterColumnType'; readonly column: string; readonly type: TypeName; readonly pos: number }
  | { readonly kind: 'alterColumnEncode'; readonly column: string; readonly encode: string; readonly pos: number }
  | { readonly kind: 'ownerTo'; readonly owner: string; readonly pos: number };

export interface AlterTable extends Node {
  readonly kind: 'alterTable';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
  readonly action: AlterTableAction;
}

export interface Truncate extends Node {
  readonly kind: 'truncate';
  readonly names: readonly QualifiedName[];
}

/** `LOCK [TABLE] a[, b]`: Redshift's only lock mode, ACCESS EXCLUSIVE, to the end of the transaction. */
export interface Lock extends Node {
  readonly kind: 'lock';
  readonly names: readonly QualifiedName[];
}

export interface CreateView extends Node {
  readonly kind: 'createView';
  readonly name: QualifiedName;
  readonly orReplace: boolean;
  readonly columnNames?: readonly string[];
  readonly query: Query;
  /** The query's source text, as written (stored for pg_views.definition). */
  readonly queryText: string;
  /** WITH NO SCHEMA BINDING */
  readonly noSchemaBinding: boolean;
  readonly materialized: boolean;
}

export interface DropView extends Node {
  readonly kind: 'dropView';
  readonly names: readonly QualifiedName[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
  readonly materialized: boolean;
}

export interface TransactionStatement extends Node {
  readonly kind: 'transaction';
  /** BEGIN / START TRANSACTION -> 'begin'; COMMIT / END -> 'commit'; ROLLBACK / ABORT -> 'rollback'. */
  readonly action: 'begin' | 'commit' | 'rollback';
  /** BEGIN ... READ ONLY (the last READ ONLY / READ WRITE given wins). Isolation levels are accepted and ignored. */
  readonly readOnly: boolean;
}

/** `SET name TO|= value[, ...]`, `SET SESSION ...`, `SET search_path TO a, b`, `SET TIME ZONE 'x'`. */
export interface SetStatement extends Node {
  readonly kind: 'set';
  readonly name: string;
  /** Values as written: identifiers lower-cased, strings unquoted, numbers as text; 'default' for DEFAULT. */
  readonly values: readonly string[];
  readonly local: boolean;
}

export interface ShowStatement extends Node {
  readonly kind: 'show';
  readonly name: string;
}

/** SHOW TABLE / SHOW VIEW name: the statement that recreates the relation (dg:r_SHOW_TABLE.md, r_SHOW_VIEW.md). */
export interface ShowDefinition extends Node {
  readonly kind: 'showDefinition';
  readonly object: 'table' | 'view';
  readonly name: QualifiedName;
}

export interface ResetStatement extends Node {
  readonly kind: 'reset';
  /** 'all' for RESET ALL. */
  readonly name: string;
}

/** A COPY or UNLOAD option: keyword (lower-case, AS dropped) and its arguments as written. */
export interface CommandOption extends Node {
  readonly kind: 'option';
  /** e.g. 'delimiter', 'iam_role', 'csv', 'quote', 'gzip', 'format', 'maxerror', 'timeformat', 'json', 'parquet'. */
  readonly name: string;
  /** Arguments: strings unquoted, numbers as text, bare keywords lower-cased (e.g. 'default', 'auto', 'on'). */
  readonly args: readonly string[];
}

export interface Copy extends Node {
  readonly kind: 'copy';
  readonly table: QualifiedName;
  readonly columns?: readonly string[];
  readonly from: string;
  readonly options: readonly CommandOption[];
}

export interface Unload extends Node {
  readonly kind: 'unload';
  /** The query text inside the quotes (quotes undoubled). */
  readonly queryText: string;
  /** Position of the query text inside the statement, for errors in it. */
  readonly queryPos: number;
  readonly to: string;
  readonly options: readonly CommandOption[];
}

export interface Vacuum extends Node {
  readonly kind: 'vacuum';
  readonly mode: 'full' | 'sortOnly' | 'deleteOnly' | 'reindex' | 'recluster';
  readonly table?: QualifiedName;
  readonly toPercent?: number;
  readonly boost: boolean;
}

export interface Analyze extends Node {
  readonly kind: 'analyze';
  readonly table?: QualifiedName;
  readonly columns?: readonly string[];
  /** ANALYZE COMPRESSION */
  readonly compression: boolean;
}

export interface Explain extends Node {
  readonly kind: 'explain';
  readonly verbose: boolean;
  readonly statement: Statement;
}

/** COMMENT ON TABLE|COLUMN x IS 'text' */
export interface CommentOn extends Node {
  readonly kind: 'comment';
  readonly target: 'table' | 'column' | 'view' | 'schema';
  readonly name: QualifiedName;
  /** For COLUMN: the column name (the last part of the dotted name). */
  readonly column?: string;
  readonly text: string | null;
}

export interface Deallocate extends Node {
  readonly kind: 'deallocate';
  readonly name: string;
}
