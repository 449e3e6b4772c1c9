/**
 * The run-time parameters reported to a client after authentication (ParameterStatus), with
 * the values Amazon Redshift reports: it presents itself as PostgreSQL 8.0.2 with a UNICODE
 * server encoding. Drivers read these instead of asking: libpq and psycopg2 look at
 * standard_conforming_strings to decide how to escape string literals, pgjdbc at DateStyle and
 * integer_datetimes, psql at server_version.
 */

import { REDSHIFT_BUILD } from '../types/version.js';

/** The Redshift build that `select version()` names (padb is Redshift's engine). */
const PADB_VERSION = REDSHIFT_BUILD;

export function initialParameterStatus(client: { readonly user: string; readonly applicationName: string }): readonly (readonly [string, string])[] {
  return [
    ['application_name', client.applicationName],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['integer_datetimes', 'on'],
    ['is_superuser', 'on'],
    ['server_encoding', 'UNICODE'],
    ['server_version', '8.0.2'],
    ['session_authorization', client.user],
    // Slicewise's lexer reads backslashes in '...' literally (E'...' escapes), so clients must not
    // double them when they quote parameters themselves (psycopg2 does).
    ['standard_conforming_strings', 'on'],
    ['TimeZone', 'UTC'],
    ['padb_version', PADB_VERSION],
  ];
}
