/**
 * Which words are reserved. Everything else that the grammar uses as a keyword (date, year, name,
 * type, key, position, ...) is also a valid unquoted name, as in PostgreSQL and Redshift.
 */

/**
 * Words that cannot be an unquoted column/table name or a column/table alias without AS:
 * PostgreSQL's reserved and type/function-name keywords, plus Redshift's MINUS, QUALIFY, TOP and
 * SYSDATE. (A few of them — LEFT, RIGHT — may still be called as functions; see FUNCTION_NAME_KEYWORDS.)
 */
export const RESERVED: ReadonlySet<string> = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check',
  'collate', 'column', 'constraint', 'create', 'current_date', 'current_time', 'current_timestamp', 'current_user',
  'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign',
  'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit',
  'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary',
  'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'table', 'then', 'to', 'trailing',
  'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
  // PostgreSQL type_func_name_keyword: not names, not bare aliases.
  'authorization', 'binary', 'collation', 'concurrently', 'cross', 'current_schema', 'freeze', 'full', 'ilike',
  'inner', 'is', 'isnull', 'join', 'left', 'like', 'natural', 'notnull', 'outer', 'overlaps', 'right', 'similar',
  'verbose',
  // Redshift
  'minus', 'qualify', 'top', 'sysdate',
]);

/** Reserved words that are still function names when followed by '(' (`left(s, 2)`). */
export const FUNCTION_NAME_KEYWORDS: ReadonlySet<string> = new Set(['left', 'right']);

/**
 * Niladic functions written without parentheses -> FuncCall { noParens: true }. Followed by '('
 * they are ordinary calls (`current_schema()`).
 */
export const NO_PAREN_FUNCTIONS: ReadonlySet<string> = new Set([
  'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'sysdate',
  'current_user', 'current_user_id', 'session_user', 'user', 'current_schema',
]);

/** Words that start a typed literal when a string follows: `date '2008-01-01'`. */
export const TYPED_LITERAL_TYPES: ReadonlySet<string> = new Set([
  'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'boolean', 'bool',
  'smallint', 'int', 'integer', 'bigint', 'int2', 'int4', 'int8', 'real', 'float', 'float4', 'float8',
  'decimal', 'numeric', 'char', 'character', 'varchar', 'text', 'bpchar', 'nchar', 'nvarchar',
]);

/** Interval field names that may follow an interval literal: `interval '2' hour`, `interval '1-2' year to month`. */
export const INTERVAL_UNITS: ReadonlySet<string> = new Set(['year', 'month', 'day', 'hour', 'minute', 'second']);
