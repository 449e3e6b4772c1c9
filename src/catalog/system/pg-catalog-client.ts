/**
 * PostgreSQL catalogs Redshift's leader does not have (or Slicewise has nothing to put in), which
 * psql 15 and the drivers still read for any server: collations, inheritance, tablespaces, the
 * view rules, indexes and roles. They hold what is true of a Slicewise cluster — no inheritance, no
 * indexes, one `_RETURN` rule per view — so psql's describe queries get real, if short, answers.
 */
import { BOOLEAN, INTEGER, SMALLINT, TIMESTAMP, charType } from '../../types/datatype.js';
import { LONG_TEXT_TYPE, NAME_TYPE, OID_TYPE, TEXT_TYPE, catalogTable, catalogView, type SystemTableSpec } from './define.js';

export const PG_CATALOG_CLIENT_TABLES: readonly SystemTableSpec[] = [
  catalogTable(
    'pg_collation',
    [
      ['oid', OID_TYPE],
      ['collname', NAME_TYPE],
      ['collnamespace', OID_TYPE],
      ['collowner', INTEGER],
      ['collencoding', INTEGER],
      ['collcollate', NAME_TYPE],
      ['collctype', NAME_TYPE],
    ],
    3456,
  ),
  catalogTable(
    'pg_inherits',
    [
      ['inhrelid', OID_TYPE],
      ['inhparent', OID_TYPE],
      ['inhseqno', INTEGER],
    ],
    2611,
  ),
  catalogTable(
    'pg_tablespace',
    [
      ['oid', OID_TYPE],
      ['spcname', NAME_TYPE],
      ['spcowner', INTEGER],
      ['spcacl', TEXT_TYPE],
      ['spcoptions', TEXT_TYPE],
    ],
    1213,
  ),
  catalogTable(
    'pg_rewrite',
    [
      ['oid', OID_TYPE],
      ['rulename', NAME_TYPE],
      ['ev_class', OID_TYPE],
      ['ev_attr', SMALLINT],
      ['ev_type', charType(1)],
      ['ev_enabled', charType(1)],
      ['is_instead', BOOLEAN],
      ['ev_qual', LONG_TEXT_TYPE],
      ['ev_action', LONG_TEXT_TYPE],
    ],
    2618,
  ),
  catalogTable(
    'pg_index',
    [
      ['indexrelid', OID_TYPE],
      ['indrelid', OID_TYPE],
      ['indnatts', SMALLINT],
      ['indisunique', BOOLEAN],
      ['indisprimary', BOOLEAN],
      ['indisclustered', BOOLEAN],
      ['indisvalid', BOOLEAN],
      ['indkey', TEXT_TYPE],
      ['indexprs', LONG_TEXT_TYPE],
      ['indpred', LONG_TEXT_TYPE],
    ],
    2610,
  ),
  catalogView('pg_roles', [
    ['rolname', NAME_TYPE],
    ['rolsuper', BOOLEAN],
    ['rolinherit', BOOLEAN],
    ['rolcreaterole', BOOLEAN],
    ['rolcreatedb', BOOLEAN],
    ['rolcanlogin', BOOLEAN],
    ['rolreplication', BOOLEAN],
    ['rolconnlimit', INTEGER],
    ['rolpassword', TEXT_TYPE],
    ['rolvaliduntil', TIMESTAMP],
    ['rolconfig', TEXT_TYPE],
    ['oid', OID_TYPE],
  ]),
  catalogTable(
    'pg_auth_members',
    [
      ['roleid', OID_TYPE],
      ['member', OID_TYPE],
      ['grantor', OID_TYPE],
      ['admin_option', BOOLEAN],
    ],
    1261,
  ),
];
