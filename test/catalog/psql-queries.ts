/**
 * The catalog queries psql 15 sends to a server reporting version 8.0.2 (Redshift's), verbatim:
 * src/bin/psql/describe.c of REL_15 (15.18) takes the "older server" branches, and each text below
 * was captured with `psql -E` (ECHO_HIDDEN) against Slicewise. `oid` is the relation's oid as psql
 * writes it, a quoted literal; patterns are psql's regexes (`\d users` -> '^(users)$'). The tab
 * completion queries (tab-complete.c) were captured the same way, from an interactive session.
 */

const RELKIND_NAMES =
  "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\"";

/** `\d` (kinds `'r','p','v','m','S','f',''`), `\dt` (`'r','p',''`), `\dv` (`'v',''`); `+` adds persistence, size, description. */
export function listRelations(kinds: string, verbose = false): string {
  const extra = verbose
    ? `,
  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence",
  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
  pg_catalog.obj_description(c.oid, 'pg_class') as "Description"`
    : '';
  return `SELECT n.nspname as "Schema",
  c.relname as "Name",
  ${RELKIND_NAMES},
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"${extra}
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN (${kinds})
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;`;
}

/** `\dt s*`: a name pattern replaces the schema filters. */
export function listTablesMatching(pattern: string): string {
  return `SELECT n.nspname as "Schema",
  c.relname as "Name",
  ${RELKIND_NAMES},
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r','p','t','s','')
  AND c.relname OPERATOR(pg_catalog.~) '${pattern}'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;`;
}

/** `\dn` / `\dn+`. */
export function listSchemas(verbose = false): string {
  const extra = verbose
    ? `,
  pg_catalog.array_to_string(n.nspacl, E'\\n') AS "Access privileges",
  pg_catalog.obj_description(n.oid, 'pg_namespace') AS "Description"`
    : '';
  return `SELECT n.nspname AS "Name",
  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"${extra}
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY 1;`;
}

export const LIST_DATABASES = `SELECT d.datname as "Name",
       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
       pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
       d.datcollate as "Collate",
       d.datctype as "Ctype",
       NULL as "ICU Locale",
       'libc' AS "Locale Provider",
       pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"
FROM pg_catalog.pg_database d
ORDER BY 1;`;

export const LIST_ROLES = `SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof
, r.rolreplication
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;`;

export const LIST_PRIVILEGES = `SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as "Type",
  pg_catalog.array_to_string(c.relacl, E'\\n') AS "Access privileges",
  pg_catalog.array_to_string(ARRAY(
    SELECT attname || E':\\n  ' || pg_catalog.array_to_string(attacl, E'\\n  ')
    FROM pg_catalog.pg_attribute a
    WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL
  ), E'\\n') AS "Column privileges"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r','v','m','S','f','p')
  AND n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1, 2;`;

/** `\d name`: the relations a pattern names (step 1 of describing a relation). */
export function findRelation(pattern: string): string {
  return `SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '${pattern}'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;`;
}

/** `\d schema.*`: a schema pattern, no visibility test. */
export function findRelationsInSchema(pattern: string): string {
  return `SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname OPERATOR(pg_catalog.~) '${pattern}'
ORDER BY 2, 3;`;
}

/** Step 2: the relation's kind and flags (`\d+` also asks for its storage options). */
export function tableInfo(oid: string, verbose = false): string {
  const options = verbose
    ? "pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n"
    : "''";
  return `SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, false, false, c.relhasoids, false as relispartition, ${options}, c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence
FROM pg_catalog.pg_class c
 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
WHERE c.oid = '${oid}';`;
}

/** Step 3: the columns. `\d+` adds storage, the statistics target (tables only) and comments. */
export function columns(oid: string, verbose: false | 'table' | 'view' = false): string {
  const extra =
    verbose === false
      ? ''
      : `,
  a.attstorage,${verbose === 'table' ? '\n  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,' : ''}
  pg_catalog.col_description(a.attrelid, a.attnum)`;
  return `SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  ''::pg_catalog.char AS attidentity,
  ''::pg_catalog.char AS attgenerated${extra}
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '${oid}' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;`;
}

/** Step 4 (tables): parents it inherits from. */
export function inheritedFrom(oid: string): string {
  return `SELECT c.oid::pg_catalog.regclass
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhparent AND i.inhrelid = '${oid}'
  AND c.relkind != 'p' AND c.relkind != 'I'
ORDER BY inhseqno;`;
}

/** Step 5 (tables): child tables. */
export function childTables(oid: string): string {
  return `SELECT c.oid::pg_catalog.regclass, c.relkind, false AS inhdetachpending, NULL
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhrelid AND i.inhparent = '${oid}'
ORDER BY c.oid::pg_catalog.regclass::pg_catalog.text;`;
}

/** `\d+ view`: the definition, then its rules other than _RETURN. */
export function viewDefinition(oid: string): string {
  return `SELECT pg_catalog.pg_get_viewdef('${oid}'::pg_catalog.oid, true);`;
}

export function viewRules(oid: string): string {
  return `SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))
FROM pg_catalog.pg_rewrite r
WHERE r.ev_class = '${oid}' AND r.rulename != '_RETURN' ORDER BY 1;`;
}

/** Tab completion of a table name after FROM / TABLE (`select * from us<TAB>`): tables and schemas by prefix. */
export function completeRelation(kinds: string, prefix: string): string {
  return `SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE c.relkind IN (${kinds}) AND (c.relname) LIKE '${prefix}%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
UNION ALL
SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE '${prefix}%' AND n.nspname NOT LIKE E'pg\\\\_%'
LIMIT 1000`;
}

/** Tab completion of a column of a table named earlier in the statement. */
export function completeColumn(table: string, prefix: string): string {
  return `SELECT a.attname, NULL::pg_catalog.text FROM pg_catalog.pg_attribute a, pg_catalog.pg_class c WHERE c.oid = a.attrelid and a.attnum > 0 and not a.attisdropped AND (a.attname) LIKE '${prefix}%' AND c.relname = '${table}' AND pg_catalog.pg_table_is_visible(c.oid)
LIMIT 1000`;
}

/** `\df`; `\df+` adds volatility, owner, security, privileges, language, source and description. */
export function listFunctions(verbose = false): string {
  const extra = verbose
    ? `,
 CASE
  WHEN p.provolatile = 'i' THEN 'immutable'
  WHEN p.provolatile = 's' THEN 'stable'
  WHEN p.provolatile = 'v' THEN 'volatile'
 END as "Volatility",
 pg_catalog.pg_get_userbyid(p.proowner) as "Owner",
 CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS "Security",
 pg_catalog.array_to_string(p.proacl, E'\\n') AS "Access privileges",
 l.lanname as "Language",
 p.prosrc as "Source code",
 pg_catalog.obj_description(p.oid, 'pg_proc') as "Description"`
    : '';
  const language = verbose ? '\n     LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang' : '';
  return `SELECT n.nspname as "Schema",
  p.proname as "Name",
  pg_catalog.pg_get_function_result(p.oid) as "Result data type",
  pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",
 CASE
  WHEN p.proisagg THEN 'agg'
  WHEN p.proiswindow THEN 'window'
  WHEN p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype THEN 'trigger'
  ELSE 'func'
 END as "Type"${extra}
FROM pg_catalog.pg_proc p
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace${language}
WHERE pg_catalog.pg_function_is_visible(p.oid)
      AND n.nspname <> 'pg_catalog'
      AND n.nspname <> 'information_schema'
ORDER BY 1, 2, 4;`;
}
