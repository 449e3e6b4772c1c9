import { describe, expect, it } from 'vitest';
import { parse, type CommandOption } from '../../src/sql/index.js';
import { statementOf } from './helpers.js';

/** Getting Started COPY statements (reference §8.3), bucket and region substituted. */
const GSG_COPY = `
copy users    from 's3://mybucket/tickit/allusers_pipe.txt'  iam_role default delimiter '|' region 'us-west-2';
copy venue    from 's3://mybucket/tickit/venue_pipe.txt'     iam_role default delimiter '|' region 'us-west-2';
copy category from 's3://mybucket/tickit/category_pipe.txt'  iam_role default delimiter '|' region 'us-west-2';
copy date     from 's3://mybucket/tickit/date2008_pipe.txt'  iam_role default delimiter '|' region 'us-west-2';
copy event    from 's3://mybucket/tickit/allevents_pipe.txt' iam_role default delimiter '|'
              timeformat 'YYYY-MM-DD HH:MI:SS' region 'us-west-2';
copy listing  from 's3://mybucket/tickit/listings_pipe.txt'  iam_role default delimiter '|' region 'us-west-2';
copy sales    from 's3://mybucket/tickit/sales_tab.txt'      iam_role default delimiter '\\t'
              timeformat 'MM/DD/YYYY HH:MI:SS' region 'us-west-2';
`;

const opts = (options: readonly CommandOption[]) => options.map((o) => [o.name, ...o.args].join(' '));

describe('COPY', () => {
  it('parses the Getting Started COPY statements', () => {
    const statements = parse(GSG_COPY).map((s) => s.statement);
    expect(statements.map((s) => (s.kind === 'copy' ? s.table.name : s.kind))).toEqual(['users', 'venue', 'category', 'date', 'event', 'listing', 'sales']);
    const sales = statements[6];
    if (sales?.kind !== 'copy') throw new Error();
    expect(sales.from).toBe('s3://mybucket/tickit/sales_tab.txt');
    expect(opts(sales.options)).toEqual(['iam_role default', 'delimiter \\t', 'timeformat MM/DD/YYYY HH:MI:SS', 'region us-west-2']);
  });

  it('reads options generically with AS dropped', () => {
    const sql = `COPY s.t (a, b) FROM 's3://b/data.csv' CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/r'
      FORMAT AS CSV QUOTE AS '"' IGNOREHEADER 1 MAXERROR AS 10 NULL AS '\\N' GZIP ACCEPTINVCHARS AS '^'
      DATEFORMAT 'auto' COMPUPDATE OFF STATUPDATE ON EMPTYASNULL BLANKSASNULL ENCODING UTF8 MANIFEST
      JSON 'auto ignorecase' IAM_ROLE 'arn:aws:iam::1:role/a,arn:aws:iam::2:role/b' COMPUPDATE PRESET`;
    const copy = statementOf(sql, 'copy');
    expect(copy).toMatchObject({ table: { schema: 's', name: 't' }, columns: ['a', 'b'], from: 's3://b/data.csv' });
    expect(opts(copy.options)).toEqual([
      'credentials aws_iam_role=arn:aws:iam::1:role/r', 'format csv', 'quote "', 'ignoreheader 1', 'maxerror 10', 'null \\N',
      'gzip', 'acceptinvchars ^', 'dateformat auto', 'compupdate off', 'statupdate on', 'emptyasnull', 'blanksasnull',
      'encoding utf8', 'manifest', 'json auto ignorecase', 'iam_role arn:aws:iam::1:role/a,arn:aws:iam::2:role/b', 'compupdate preset',
    ]);
    expect(copy.options[0]?.pos).toBe(sql.indexOf('CREDENTIALS'));
  });

  it('FIXEDWIDTH, PARQUET, REGION AS', () => {
    const copy = statementOf("copy t from 's3://b/p' fixedwidth 'a:1,b:2' region as 'us-east-1'", 'copy');
    expect(opts(copy.options)).toEqual(['fixedwidth a:1,b:2', 'region us-east-1']);
    expect(opts(statementOf("copy t from 's3://b/p' iam_role default format parquet", 'copy').options)).toEqual(['iam_role default', 'format parquet']);
  });
});

describe('UNLOAD', () => {
  it('reads the query text, target and options', () => {
    const sql = `unload ('select * from venue where venuestate=''NV''')
      to 's3://mybucket/unload/venue_' iam_role default
      format as parquet partition by (venuestate, venuecity) include maxfilesize 100 mb
      manifest verbose allowoverwrite parallel off header delimiter as '|' null as 'NULL' extension 'txt.gz' encrypted auto`;
    const unload = statementOf(sql, 'unload');
    expect(unload).toMatchObject({ queryText: "select * from venue where venuestate='NV'", to: 's3://mybucket/unload/venue_' });
    expect(unload.queryPos).toBe(sql.indexOf('select'));
    expect(opts(unload.options)).toEqual([
      'iam_role default', 'format parquet', 'partition_by venuestate venuecity include', 'maxfilesize 100 mb',
      'manifest verbose', 'allowoverwrite', 'parallel off', 'header', 'delimiter |', 'null NULL', 'extension txt.gz', 'encrypted auto',
    ]);
  });

  it('CSV with a quote option, and dollar-quoted queries', () => {
    const unload = statementOf("unload ($$select 'a'$$) to 's3://b/x' format as csv quote as '\"' gzip", 'unload');
    expect(unload.queryText).toBe("select 'a'");
    expect(unload.queryPos).toBe(10);
    expect(opts(unload.options)).toEqual(['format csv', 'quote "', 'gzip']);
  });
});

describe('VACUUM, ANALYZE, EXPLAIN', () => {
  it.each([
    ['vacuum', { mode: 'full', table: undefined, toPercent: undefined, boost: false }],
    ['vacuum full sales', { mode: 'full', table: { name: 'sales' } }],
    ['vacuum sort only s.sales to 75 percent', { mode: 'sortOnly', table: { schema: 's', name: 'sales' }, toPercent: 75 }],
    ['vacuum delete only sales to 100 percent boost', { mode: 'deleteOnly', toPercent: 100, boost: true }],
    ['vacuum reindex listing', { mode: 'reindex', table: { name: 'listing' } }],
    ['vacuum recluster sales', { mode: 'recluster' }],
    ['vacuum sales boost', { mode: 'full', table: { name: 'sales' }, boost: true }],
    ['vacuum delete only', { mode: 'deleteOnly', table: undefined }],
  ])('%s', (sql, expected) => {
    expect(statementOf(sql, 'vacuum')).toMatchObject(expected);
  });

  it('ANALYZE', () => {
    expect(statementOf('analyze', 'analyze')).toEqual({ kind: 'analyze', pos: 0, compression: false });
    expect(statementOf('analyze sales (qtysold, pricepaid)', 'analyze')).toMatchObject({ table: { name: 'sales' }, columns: ['qtysold', 'pricepaid'] });
    expect(statementOf('analyse compression listing', 'analyze')).toMatchObject({ compression: true, table: { name: 'listing' } });
  });

  it('EXPLAIN', () => {
    expect(statementOf('explain select 1', 'explain')).toMatchObject({ verbose: false, statement: { kind: 'query', pos: 8 } });
    expect(statementOf('explain verbose insert into t select * from u', 'explain')).toMatchObject({ verbose: true, statement: { kind: 'insert' } });
  });
});

describe('transactions and settings', () => {
  it.each([
    ['begin', 'begin', false], ['begin transaction', 'begin', false], ['begin work isolation level serializable', 'begin', false],
    ['start transaction read write', 'begin', false], ['start transaction isolation level read committed, read only', 'begin', true],
    ['begin read only, read write', 'begin', false], ['begin transaction read only', 'begin', true],
    ['commit', 'commit', false], ['commit work', 'commit', false], ['end', 'commit', false], ['end transaction', 'commit', false],
    ['rollback', 'rollback', false], ['rollback transaction', 'rollback', false], ['abort', 'rollback', false],
  ])('%s', (sql, action, readOnly) => {
    expect(statementOf(sql, 'transaction')).toEqual({ kind: 'transaction', pos: 0, action, readOnly });
  });

  it('SET', () => {
    expect(statementOf("set search_path to '$user', public, \"Mine\"", 'set')).toEqual({
      kind: 'set', pos: 0, name: 'search_path', values: ['$user', 'public', 'mine'], local: false,
    });
    expect(statementOf('SET SESSION DateStyle = ISO, MDY', 'set')).toMatchObject({ name: 'datestyle', values: ['iso', 'mdy'] });
    expect(statementOf('set local statement_timeout to 0', 'set')).toMatchObject({ values: ['0'], local: true });
    expect(statementOf('set extra_float_digits = -3', 'set')).toMatchObject({ values: ['-3'] });
    expect(statementOf('set query_group to default', 'set')).toMatchObject({ values: ['default'] });
    expect(statementOf("set time zone 'America/New_York'", 'set')).toMatchObject({ name: 'timezone', values: ['America/New_York'] });
    expect(statementOf('set enable_result_cache_for_session to off', 'set')).toMatchObject({ values: ['off'] });
  });

  it('SHOW and RESET', () => {
    expect(statementOf('show search_path', 'show')).toEqual({ kind: 'show', pos: 0, name: 'search_path' });
    expect(statementOf('show all', 'show').name).toBe('all');
    expect(statementOf('show time zone', 'show').name).toBe('timezone');
    expect(statementOf('show transaction isolation level', 'show').name).toBe('transaction_isolation');
    expect(statementOf('reset all', 'reset')).toEqual({ kind: 'reset', pos: 0, name: 'all' });
    expect(statementOf('reset query_group', 'reset').name).toBe('query_group');
  });

  it('DEALLOCATE', () => {
    expect(statementOf('deallocate p1', 'deallocate')).toEqual({ kind: 'deallocate', pos: 0, name: 'p1' });
    expect(statementOf('deallocate prepare all', 'deallocate').name).toBe('all');
  });
});
