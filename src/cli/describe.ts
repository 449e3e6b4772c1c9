/**
 * `\d`, `\dt`, `\dv`, `\dn` (and their `+` forms): what the database holds, read through SQL from
 * the catalog views Redshift has (pg_class with reldiststyle, pg_attribute with attisdistkey,
 * attsortkeyord and attencodingtype, stv_tbl_perm, svv_table_info), so they work on an embedded
 * cluster and over a server connection alike.
 */
import { formatError, TYPE_OID, type TableColumn } from './format/index.js';
import { parseNamePattern, type NamePattern } from './name-pattern.js';
import type { Shell } from './shell.js';

type Rows = readonly (readonly (string | null)[])[];

/** Run a catalog query for a meta-command; on failure print the error and answer undefined. */
async function catalogQuery(shell: Shell, sql: string): Promise<Rows | undefined> {
  try {
    return (await shell.connection.query(sql)).rows;
  } catch (error) {
    shell.io.stderr.write(formatError(error, sql));
    return undefined;
  }
}

function textColumns(...names: string[]): TableColumn[] {
  return names.map((name) => ({ name, typeOid: TYPE_OID.text }));
}

interface Relation {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly owner: string;
  readonly oid: string;
  readonly visible: boolean;
  readonly distStyle: string;
  readonly rows: string;
  readonly sizeMb: string;
  readonly description: string | null;
}

const RELATIONS_SQL = `select n.nspname, c.relname, c.relkind, pg_catalog.pg_get_userbyid(c.relowner), c.oid,
  pg_catalog.pg_table_is_visible(c.oid), c.reldiststyle, k.attname, i.tbl_rows, i.size, pg_catalog.obj_description(c.oid, 'pg_class')
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_attribute k on k.attrelid = c.oid and k.attisdistkey
left join pg_catalog.svv_table_info i on i.table_id = c.oid
where c.relkind in ('r', 'v')
order by 1, 2`;

/** SVV_TABLE_INFO's words for pg_class.reldiststyle. */
function distStyleText(code: string | null, distKey: string | null): string {
  switch (code) {
    case '0':
      return 'EVEN';
    case '1':
      return `KEY(${distKey ?? '?'})`;
    case '8':
      return 'ALL';
    case '10':
      return 'AUTO(ALL)';
    case '11':
      return 'AUTO(EVEN)';
    case '12':
      return `AUTO(KEY(${distKey ?? '?'}))`;
    default:
      return code ?? '';
  }
}

async function fetchRelations(shell: Shell): Promise<Relation[] | undefined> {
  const rows = await catalogQuery(shell, RELATIONS_SQL);
  return rows?.map((r) => ({
    schema: r[0] ?? '',
    name: r[1] ?? '',
    kind: r[2] === 'v' ? 'view' : 'table',
    owner: r[3] ?? '',
    oid: r[4] ?? '',
    visible: r[5] === 't',
    distStyle: r[2] === 'v' ? '' : distStyleText(r[6] ?? null, r[7] ?? null),
    rows: r[2] === 'v' ? '' : (r[8] ?? '0'),
    sizeMb: r[2] === 'v' ? '' : (r[9] ?? '0'),
    description: r[10] ?? null,
  }));
}

const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema']);

/** psql's rule: with a schema in the pattern match it; without one, only relations on the search path. */
function matches(r: Relation, pattern: NamePattern | undefined): boolean {
  if (pattern === undefined) return r.visible && !SYSTEM_SCHEMAS.has(r.schema);
  if (!pattern.name.test(r.name)) return false;
  return pattern.schema === undefined ? r.visible : pattern.schema.test(r.schema);
}

/** `\d`, `\dt`, `\dv` without a pattern, or `\dt pattern`: the list of relations. */
async function listRelations(shell: Shell, kinds: ReadonlySet<Relation['kind']>, pattern: string | undefined, verbose: boolean): Promise<void> {
  const all = await fetchRelations(shell);
  if (!all) return;
  const parsed = pattern === undefined ? undefined : parseNamePattern(pattern);
  const found = all.filter((r) => kinds.has(r.kind) && matches(r, parsed));
  if (found.length === 0) {
    shell.warn(pattern === undefined ? 'Did not find any relations.' : `Did not find any relation named "${pattern}".`);
    return;
  }
  const columns = [...textColumns('Schema', 'Name', 'Type', 'Owner')];
  if (verbose) columns.push(...textColumns('Diststyle'), { name: 'Rows', typeOid: TYPE_OID.numeric }, { name: 'Size (MB)', typeOid: TYPE_OID.int8 }, ...textColumns('Description'));
  const rows = found.map((r) => {
    const row: (string | null)[] = [r.schema, r.name, r.kind, r.owner];
    if (verbose) row.push(r.distStyle, r.rows, r.sizeMb, r.description);
    return row;
  });
  shell.printTable({ title: 'List of relations', columns, rows, countRows: true });
}

/** `Sortkey: COMPOUND(a, b)`, `INTERLEAVED(a, b)` (Redshift alternates the signs), or none. */
function sortKeyText(columns: Rows): string {
  const keyed = columns.filter((c) => Number(c[4]) !== 0).sort((a, b) => Math.abs(Number(a[4])) - Math.abs(Number(b[4])));
  if (keyed.length === 0) return 'none';
  const style = keyed.some((c) => Number(c[4]) < 0) ? 'INTERLEAVED' : 'COMPOUND';
  return `${style}(${keyed.map((c) => c[0]).join(', ')})`;
}

/** `Rows per slice`: how the distribution style spread the table over the slices. */
async function rowsPerSlice(shell: Shell, r: Relation): Promise<string[]> {
  const rows = await catalogQuery(
    shell,
    `select p.slice, s.node, p.rows from pg_catalog.stv_tbl_perm p join pg_catalog.stv_slices s on s.slice = p.slice where p.id = ${Number(r.oid)} order by p.slice`,
  );
  if (!rows || rows.length === 0) return [];
  const counts = rows.map((row) => Number(row[2]));
  // DISTSTYLE ALL keeps a full copy on the first slice of every node: adding them up would mislead.
  const summary = /^(AUTO\()?ALL\)?$/.test(r.distStyle) ? `a full copy of ${Math.max(...counts)} rows on the first slice of each node` : `${counts.reduce((a, b) => a + b, 0)} in all`;
  const labels = rows.map((row) => `slice ${row[0]} (node ${row[1]}):`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const countWidth = Math.max(...rows.map((row) => (row[2] ?? '').length));
  return [`Rows per slice (${summary}):`, ...rows.map((row, i) => `    ${labels[i]!.padEnd(labelWidth)} ${(row[2] ?? '').padStart(countWidth)}`)];
}

async function describeTable(shell: Shell, r: Relation, verbose: boolean): Promise<void> {
  const columns = await catalogQuery(
    shell,
    `select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), pg_catalog.format_encoding(a.attencodingtype), a.attisdistkey,
  a.attsortkeyord, a.attnotnull, d.adsrc, pg_catalog.col_description(a.attrelid, a.attnum)
from pg_catalog.pg_attribute a
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = ${Number(r.oid)} and a.attnum > 0 and not a.attisdropped
order by a.attnum`,
  );
  if (!columns) return;
  const header = verbose
    ? [...textColumns('Column', 'Type', 'Encoding'), { name: 'Distkey', typeOid: TYPE_OID.bool }, { name: 'Sortkey', typeOid: TYPE_OID.int4 }, ...textColumns('Nullable', 'Default', 'Description')]
    : textColumns('Column', 'Type', 'Nullable', 'Default');
  const rows = columns.map((c) => {
    const nullable = c[5] === 't' ? 'not null' : '';
    return verbose ? [c[0] ?? '', c[1] ?? '', c[2] ?? '', c[3] ?? '', c[4] ?? '', nullable, c[6] ?? null, c[7] ?? null] : [c[0] ?? '', c[1] ?? '', nullable, c[6] ?? null];
  });
  const footers = [`Diststyle: ${r.distStyle}`, `Sortkey: ${sortKeyText(columns)}`];
  if (verbose) footers.push(...(await rowsPerSlice(shell, r)));
  shell.printTable({ title: `Table "${r.schema}.${r.name}"`, columns: header, rows, footers, countRows: false });
}

async function describeView(shell: Shell, r: Relation, verbose: boolean): Promise<void> {
  const columns = await catalogQuery(
    shell,
    `select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) from pg_catalog.pg_attribute a where a.attrelid = ${Number(r.oid)} and a.attnum > 0 order by a.attnum`,
  );
  if (!columns) return;
  const footers: string[] = [];
  if (verbose) {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    const definition = await catalogQuery(shell, `select definition from pg_catalog.pg_views where schemaname = ${quote(r.schema)} and viewname = ${quote(r.name)}`);
    const text = definition?.[0]?.[0];
    if (text) footers.push('View definition:', ...text.split('\n').map((l) => ` ${l}`));
  }
  shell.printTable({ title: `View "${r.schema}.${r.name}"`, columns: textColumns('Column', 'Type'), rows: columns.map((c) => [c[0] ?? '', c[1] ?? '']), footers, countRows: false });
}

/** `\d pattern`: every matching table or view, described. */
async function describeRelations(shell: Shell, pattern: string, verbose: boolean): Promise<void> {
  const all = await fetchRelations(shell);
  if (!all) return;
  const parsed = parseNamePattern(pattern);
  const found = all.filter((r) => matches(r, parsed));
  if (found.length === 0) {
    shell.warn(`Did not find any relation named "${pattern}".`);
    return;
  }
  for (const r of found) {
    if (r.kind === 'view') await describeView(shell, r, verbose);
    else await describeTable(shell, r, verbose);
  }
}

/** `\dn [pattern]`: schemas (without the system ones unless the pattern names them). */
async function listSchemas(shell: Shell, pattern: string | undefined, verbose: boolean): Promise<void> {
  const rows = await catalogQuery(
    shell,
    `select n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), pg_catalog.obj_description(n.oid, 'pg_namespace'),
  (select count(*) from pg_catalog.pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'v'))
from pg_catalog.pg_namespace n order by 1`,
  );
  if (!rows) return;
  const name = pattern === undefined ? undefined : parseNamePattern(pattern).name;
  const found = rows.filter((r) => {
    const schema = r[0] ?? '';
    return name ? name.test(schema) : !SYSTEM_SCHEMAS.has(schema) && !schema.startsWith('pg_');
  });
  if (found.length === 0 && pattern !== undefined) {
    shell.warn(`Did not find any schema named "${pattern}".`);
    return;
  }
  const columns = verbose ? [...textColumns('Name', 'Owner'), { name: 'Relations', typeOid: TYPE_OID.int8 }, ...textColumns('Description')] : textColumns('Name', 'Owner');
  const out = found.map((r) => (verbose ? [r[0] ?? '', r[1] ?? '', r[3] ?? '0', r[2] ?? null] : [r[0] ?? '', r[1] ?? '']));
  shell.printTable({ title: 'List of schemas', columns, rows: out, countRows: true });
}

const TABLES: ReadonlySet<Relation['kind']> = new Set(['table']);
const VIEWS: ReadonlySet<Relation['kind']> = new Set(['view']);
const TABLES_AND_VIEWS: ReadonlySet<Relation['kind']> = new Set(['table', 'view']);

/** The describe meta-commands this module answers. */
export const DESCRIBE_COMMANDS: readonly string[] = ['d', 'd+', 'dt', 'dt+', 'dv', 'dv+', 'dn', 'dn+'];

/** Run one of DESCRIBE_COMMANDS; extra patterns are described one after another, as psql does. */
export async function describeCommand(name: string, patterns: readonly string[], shell: Shell): Promise<void> {
  const verbose = name.endsWith('+');
  const base = verbose ? name.slice(0, -1) : name;
  const list = patterns.length === 0 ? [undefined] : patterns;
  for (const pattern of list) {
    if (base === 'dn') await listSchemas(shell, pattern, verbose);
    else if (base === 'd' && pattern !== undefined) await describeRelations(shell, pattern, verbose);
    else await listRelations(shell, base === 'dt' ? TABLES : base === 'dv' ? VIEWS : TABLES_AND_VIEWS, pattern, verbose);
  }
}
