/** The words tab completion offers besides names from the catalog. */

/** SQL keywords of the Redshift dialect that start or continue statements. */
export const SQL_KEYWORDS: readonly string[] = [
  'all', 'alter', 'analyze', 'and', 'any', 'as', 'asc', 'auto', 'avg', 'begin', 'between', 'bigint', 'boolean', 'by', 'bzip2',
  'case', 'cast', 'char', 'character', 'column', 'comment', 'commit', 'compound', 'copy', 'count', 'create', 'cross', 'csv',
  'current_date', 'date', 'dateformat', 'decimal', 'default', 'delete', 'delimiter', 'desc', 'distinct', 'distkey', 'diststyle',
  'double precision', 'drop', 'else', 'encode', 'end', 'even', 'except', 'exists', 'explain', 'false', 'first', 'fixedwidth',
  'float', 'from', 'full', 'getdate', 'grant', 'group', 'gzip', 'having', 'iam_role', 'if', 'ignoreheader', 'ilike', 'in',
  'inner', 'insert', 'integer', 'interleaved', 'intersect', 'interval', 'into', 'is', 'join', 'json', 'key', 'last', 'left',
  'like', 'limit', 'manifest', 'max', 'maxerror', 'min', 'minus', 'not', 'null', 'nulls', 'numeric', 'offset', 'on', 'or',
  'order', 'outer', 'over', 'partition', 'qualify', 'real', 'region', 'rename', 'right', 'rollback', 'rows', 'schema',
  'select', 'set', 'show', 'smallint', 'sortkey', 'sum', 'sysdate', 'table', 'temp', 'then', 'timeformat', 'timestamp',
  'to', 'top', 'true', 'truncate', 'union', 'unload', 'update', 'using', 'vacuum', 'values', 'varchar', 'view', 'when',
  'where', 'window', 'with', 'zstd',
];

/** Words after which a relation name comes. */
export const RELATION_CONTEXT: ReadonlySet<string> = new Set(['from', 'join', 'into', 'update', 'table', 'truncate', 'analyze', 'vacuum', 'copy', 'describe']);

export const META_COMMANDS: readonly string[] = [
  '\\?', '\\conninfo', '\\d', '\\d+', '\\dn', '\\dn+', '\\dt', '\\dt+', '\\dv', '\\dv+', '\\echo', '\\i', '\\o', '\\pset', '\\q', '\\r', '\\tickit', '\\timing', '\\x',
];

/** Arguments a meta-command takes from a fixed list. */
export const META_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  pset: ['format', 'expanded'],
  timing: ['on', 'off'],
  x: ['on', 'off', 'auto'],
};
