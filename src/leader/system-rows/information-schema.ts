/** Rows of information_schema's views and Redshift's SVV_ catalog views (SVV_TABLES, SVV_COLUMNS, ...). */
import { isLateBindingView, userTable, type ListedColumn, type ListedRelation } from '../../catalog/system/listing.js';
import { characterLength, datetimePrecision, encodingName, numericFacts, standardTypeName } from '../../catalog/system/type-info.js';
import { shortTypeName } from '../../types/datatype.js';
import { defaultText, type Row, type RowsContext } from './context.js';
import { viewDefinition } from './pg-catalog.js';

export const INFORMATION_SCHEMA_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  schemata: (ctx) => ctx.listing.schemas().map((s) => [ctx.env.session.database, s.name, s.owner, null, null, null, null]),
  tables: (ctx) => ctx.listing.relations().map((r) => [...naming(ctx, r), tableType(r), null, null, null, null, null]),
  columns: (ctx) =>
    eachColumn(ctx.listing.relations().filter((r) => !isLateBindingView(r)), (r, c, i) => [
      ...naming(ctx, r),
      c.name,
      ...columnFacts(r, c, i),
      ctx.env.session.database,
      'pg_catalog',
      shortTypeName(c.type),
      c.identity ? 'YES' : 'NO',
    ]),
  views: (ctx) =>
    ctx.listing
      .relations()
      .filter((r) => r.kind === 'view')
      .map((r) => [...naming(ctx, r), viewDefinition(r), 'NONE', 'NO', 'NO']),
};

export const SVV_CATALOG_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  svv_tables: (ctx) => ctx.listing.relations().map((r) => [...naming(ctx, r), tableType(r), r.remarks]),
  svv_columns: (ctx) => eachColumn(ctx.listing.relations(), (r, c, i) => [...naming(ctx, r), c.name, ...columnFacts(r, c, i), c.remarks]),
  svv_external_columns: () => [],
  svv_all_columns: (ctx) =>
    eachColumn(ctx.listing.relations(), (r, c, i) => {
      const n = numericFacts(c.type);
      return [ctx.env.session.database, r.schema, r.name, c.name, i + 1, defaultText(r, c, i), nullable(c), standardTypeName(c.type), characterLength(c.type), n.precision, n.scale, c.remarks];
    }),
  svv_redshift_columns: (ctx) =>
    eachColumn(ctx.listing.relations(), (r, c, i) => [
      ctx.env.session.database,
      r.schema,
      r.name,
      c.name,
      i + 1,
      standardTypeName(c.type),
      defaultText(r, c, i),
      nullable(c),
      encodingName(c.encoding),
      c.distKey,
      c.sortKeyOrd,
      null,
      c.remarks,
    ]),
};

function naming(ctx: RowsContext, r: ListedRelation): Row {
  return [ctx.env.session.database, r.schema, r.name];
}

function tableType(r: ListedRelation): string {
  if (r.kind === 'view') return 'VIEW';
  return userTable(r)?.temp ? 'LOCAL TEMPORARY' : 'BASE TABLE';
}

function nullable(c: ListedColumn): string {
  return c.notNull ? 'NO' : 'YES';
}

function eachColumn(relations: readonly ListedRelation[], row: (r: ListedRelation, c: ListedColumn, ordinal: number) => Row): Row[] {
  return relations.flatMap((r) => r.columns.map((c, i) => row(r, c, i)));
}

/** information_schema.columns from ordinal_position to domain_name (SVV_COLUMNS shares them). */
function columnFacts(r: ListedRelation, c: ListedColumn, ordinal: number): Row {
  const n = numericFacts(c.type);
  const length = characterLength(c.type);
  return [
    ordinal + 1,
    defaultText(r, c, ordinal),
    nullable(c),
    standardTypeName(c.type),
    length,
    length,
    n.precision,
    n.radix,
    n.scale,
    datetimePrecision(c.type),
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ];
}
