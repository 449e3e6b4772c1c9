/** The one shape every output format renders: typed columns, text cells, optional title and footers. */

export interface TableColumn {
  readonly name: string;
  /** PostgreSQL type OID: decides alignment (numbers right) and JSON value kinds. */
  readonly typeOid: number;
}

export interface TextTable {
  readonly columns: readonly TableColumn[];
  /** Cells in PostgreSQL text output format; null is SQL NULL. */
  readonly rows: readonly (readonly (string | null)[])[];
  /** A caption centered above the table (`List of relations`, `Table "public.venue"`). */
  readonly title?: string;
  /** Lines printed under the rows (`Diststyle: KEY(venueid)`). */
  readonly footers?: readonly string[];
  /** Whether to end with psql's `(N rows)`: yes for query results, no for \d of one table. */
  readonly countRows: boolean;
}

export const TYPE_OID = { bool: 16, int8: 20, int2: 21, int4: 23, text: 25, float8: 701, numeric: 1700 } as const;

/** Type OIDs psql right-aligns: int2/4/8, oid, xid, cid, float4/8, money, numeric. */
const RIGHT_ALIGNED: ReadonlySet<number> = new Set([20, 21, 23, 26, 28, 29, 700, 701, 790, 1700]);
/** Type OIDs whose text is a JSON number (money is not: it carries a currency sign). */
const JSON_NUMBERS: ReadonlySet<number> = new Set([20, 21, 23, 26, 28, 29, 700, 701, 1700]);

export function isRightAligned(column: TableColumn): boolean {
  return RIGHT_ALIGNED.has(column.typeOid);
}

export type JsonKind = 'number' | 'boolean' | 'string';

export function jsonKindOf(column: TableColumn): JsonKind {
  if (JSON_NUMBERS.has(column.typeOid)) return 'number';
  return column.typeOid === TYPE_OID.bool ? 'boolean' : 'string';
}

export function rowCountLine(n: number): string {
  return `(${n} ${n === 1 ? 'row' : 'rows'})`;
}
