/** Rows of the PostgreSQL catalogs clients read that Redshift lacks (pg_collation, pg_rewrite, pg_roles, ...). */
import { PG_CATALOG_NAMESPACE_OID, RDSDB_USER_ID } from '../../catalog/system/listing.js';
import { DEFAULT_COLLATION_OID } from '../../catalog/system/type-info.js';
import { viewDefinition } from './pg-catalog.js';
import type { Row, RowsContext } from './context.js';

/** PostgreSQL's fixed oids of the built-in collations and tablespaces. */
const C_COLLATION_OID = 950;
const POSIX_COLLATION_OID = 951;
const DEFAULT_TABLESPACE_OID = 1663;
const GLOBAL_TABLESPACE_OID = 1664;

export const PG_CATALOG_CLIENT_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  pg_collation: () => [
    [DEFAULT_COLLATION_OID, 'default', PG_CATALOG_NAMESPACE_OID, RDSDB_USER_ID, -1, '', ''],
    [C_COLLATION_OID, 'C', PG_CATALOG_NAMESPACE_OID, RDSDB_USER_ID, -1, 'C', 'C'],
    [POSIX_COLLATION_OID, 'POSIX', PG_CATALOG_NAMESPACE_OID, RDSDB_USER_ID, -1, 'POSIX', 'POSIX'],
  ],
  // No table inherits from another.
  pg_inherits: () => [],
  pg_tablespace: () => [
    [DEFAULT_TABLESPACE_OID, 'pg_default', RDSDB_USER_ID, null, null],
    [GLOBAL_TABLESPACE_OID, 'pg_global', RDSDB_USER_ID, null, null],
  ],
  // A view is a relation with an ON SELECT DO INSTEAD rule named _RETURN (the rule shares the view's oid number).
  pg_rewrite: (ctx) =>
    ctx.listing
      .relations()
      .filter((r) => r.kind === 'view' && r.source.kind === 'user')
      .map((r) => [r.oid, '_RETURN', r.oid, -1, '1', 'O', true, null, viewDefinition(r)]),
  // Redshift has no indexes.
  pg_index: () => [],
  pg_roles: (ctx) =>
    ctx.listing.users().map((u) => [u.name, u.superuser, true, u.superuser, u.superuser, true, false, -1, '********', null, null, u.id]),
  // No user is a member of a group role.
  pg_auth_members: () => [],
};
